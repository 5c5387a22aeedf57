package org.tuskdb.postmaster.internal.worker;

import java.io.IOException;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tuskdb.api.ProcessContext;
import org.tuskdb.api.SettingsRegistry;
import org.tuskdb.api.server.ClientHandoff;
import org.tuskdb.api.server.PostmasterLink;
import org.tuskdb.platform.linux.Libc;
import org.tuskdb.platform.linux.Signals;
import org.tuskdb.platform.linux.UnixSocket;
import org.tuskdb.postmaster.internal.SignalDisposition;
import org.tuskdb.postmaster.internal.control.ControlChannel;
import org.tuskdb.postmaster.internal.control.ControlMessage;

/**
 * A worker's end of the control connection, active in every role but the postmaster.
 *
 * <p>Rule: no worker outlives its postmaster. Two guards: the connection's reader halts the JVM
 * when the connection ends (the postmaster closed it by dying, whatever the signal), and a
 * watchdog halts it when the parent pid changes (the postmaster died and this process was
 * re-parented, even if the socket somehow stayed open). Halting skips shutdown hooks: with the
 * postmaster gone the shared segment may be in any state, and nothing may be written from here.
 *
 * <p>Who reads: in a backend the thread in {@link #awaitClient} itself (the backend's main
 * thread), so a handed-over client goes from the socket straight to the thread that serves it,
 * with no hand-over between threads on the way (one futex wake and one scheduling delay less
 * per connection, and one thread less per backend). The postmaster sends a backend nothing
 * while it serves a session (Handoff and Exit only go to idle backends), so nothing waits
 * unread then; a postmaster that dies meanwhile is noticed by the watchdog. Auxiliary roles
 * never call awaitClient: a "postmaster link" reader thread reads for them.
 *
 * <p>Signals a worker gets by default: SIGQUIT ends it at once; SIGINT is ignored and SIGTERM
 * exits normally in auxiliary roles; SIGHUP re-reads settings. Backends leave INT and TERM to the
 * protocol bundle (cancel, terminate session).
 */
@Component(service = PostmasterLink.class, immediate = true)
public final class WorkerLink implements PostmasterLink {
    private static final Logger LOG = LoggerFactory.getLogger(WorkerLink.class);
    private static final long WATCHDOG_PERIOD_MILLIS = 500;
    /** Status of a worker that halts because its postmaster is gone (a normal end, not a crash). */
    private static final int ORPHAN_STATUS = 1;

    @Reference(target = "(!(" + ProcessContext.ROLE_PROPERTY + "=" + ProcessContext.ROLE_POSTMASTER + "))")
    private ProcessContext process;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile SettingsRegistry settings;


    private ControlChannel channel;
    private Thread reader;
    private Thread watchdog;
    private volatile boolean closing;

    @Activate
    void activate() throws IOException {
        installSignalHandlers();
        try {
            channel = new ControlChannel(UnixSocket.connect(process.controlSocket()));
            channel.send(new ControlMessage.Hello(process.slot(), process.pid()));
        } catch (IOException e) {
            // A worker its postmaster cannot supervise must not run at all.
            LOG.error("could not connect to the postmaster at {}: {}", process.controlSocket(), e.getMessage());
            orphaned("no control connection");
            throw e;
        }
        if (!ProcessContext.ROLE_BACKEND.equals(process.role())) {
            reader = new Thread(this::readLoop, "postmaster link");
            reader.setDaemon(true);
            reader.start();
        }
        watchdog = new Thread(this::watchParent, "postmaster watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
    }

    private void installSignalHandlers() throws IOException {
        Signals.exitImmediatelyOn(Signals.SIGQUIT);
        // An ignored SIGINT inherited from a backgrounded postmaster would make the backend's
        // cancel handler a silent no-op. Until the role's own handlers are installed (the
        // protocol bundle's, right after this link activates), INT is a no-op here.
        SignalDisposition.restoreDefaultIfIgnored(Signals.SIGINT, Signals.SIGTERM, Signals.SIGHUP);
        Signals.handle("INT", () -> { });
        Signals.handle("HUP", () -> {
            SettingsRegistry registry = settings;
            if (registry != null) {
                registry.reload();
            }
        });
        if (!ProcessContext.ROLE_BACKEND.equals(process.role())) {
            // SIGINT stays a no-op: Ctrl-C in the terminal reaches the whole process group, and
            // only the postmaster acts on it.
            // The JVM's default would exit with 143, which the postmaster would count as a crash.
            Signals.handle("TERM", () -> new Thread(() -> System.exit(0), "exit on SIGTERM").start());
        }
    }

    /** Auxiliary roles: the postmaster sends them nothing; this only waits for the end of the connection. */
    private void readLoop() {
        try {
            ControlChannel.Received received = channel.receive();
            if (received != null) {
                Libc.closeQuietly(received.fd());
                throw new IOException("unexpected control message " + received.message());
            }
        } catch (IOException e) {
            if (!closing) {
                LOG.error("control connection to the postmaster failed: {}", e.getMessage());
            }
        } finally {
            channel.close();
        }
        orphaned("postmaster connection closed");
    }

    private void watchParent() {
        long postmaster = process.postmasterPid();
        ProcessHandle self = ProcessHandle.current();
        while (!closing) {
            // The JDK's parent lookup (it reads /proc), not Libc.getppid: that downcall's stub
            // would be one more class spun at every worker start, where the AOT cache cannot help.
            java.util.Optional<ProcessHandle> parent = self.parent();
            if (parent.isEmpty() || parent.get().pid() != postmaster) {
                orphaned("postmaster (PID " + postmaster + ") is gone");
                return;
            }
            try {
                Thread.sleep(WATCHDOG_PERIOD_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void orphaned(String why) {
        if (closing) {
            return;
        }
        // Straight to stderr (the log pipe): the logger may be gone too.
        System.err.println("tusk " + process.role() + " " + process.pid() + ": " + why + "; exiting");
        Runtime.getRuntime().halt(ORPHAN_STATUS);
    }

    @Override
    public ClientHandoff awaitClient() throws IOException {
        if (reader != null) {
            throw new IllegalStateException("only a backend awaits clients");
        }
        channel.send(new ControlMessage.Idle());
        ControlChannel.Received received;
        try {
            received = channel.receive();
        } catch (IOException e) {
            if (closing) {
                channel.close();
                throw e;
            }
            LOG.error("control connection to the postmaster failed: {}", e.getMessage());
            received = null;
        }
        if (received == null) {
            channel.close();
            if (closing) {
                throw new IOException("the postmaster link is closing");
            }
            orphaned("postmaster connection closed");
            throw new IOException("postmaster connection closed");
        }
        return switch (received.message()) {
            case ControlMessage.Handoff h -> new ClientHandoff(received.fd(), h.startupPacket(), h.clientAddr(),
                    h.clientPort(), h.cancelKey());
            case ControlMessage.Exit x -> throw new IOException("the postmaster asked this backend to exit");
            default -> {
                channel.close();
                orphaned("unexpected control message " + received.message());
                throw new IOException("unexpected control message " + received.message());
            }
        };
    }

    @Override
    public void ready() {
        try {
            channel.send(new ControlMessage.Ready());
        } catch (IOException e) {
            LOG.warn("could not report ready to the postmaster: {}", e.getMessage());
        }
    }

    @Deactivate
    void deactivate() {
        closing = true;
        if (watchdog != null) {
            watchdog.interrupt();
        }
        if (channel != null) {
            channel.shutdown();
        }
    }
}
