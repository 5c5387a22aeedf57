package org.tuskdb.postmaster.internal.worker;

import java.io.IOException;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

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
 * <p>Rule: no worker outlives its postmaster. Two guards: a reader thread that halts the JVM
 * when the connection ends (the postmaster closed it by dying, whatever the signal), and a
 * watchdog that halts it when the parent pid changes (the postmaster died and this process was
 * re-parented, even if the socket somehow stayed open). Halting skips shutdown hooks: with the
 * postmaster gone the shared segment may be in any state, and nothing may be written from here.
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

    /** Handoffs and exit requests, in the order the postmaster sent them. */
    private final BlockingQueue<Object> inbox = new LinkedBlockingQueue<>();
    private static final Object EXIT = new Object();

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
        reader = new Thread(this::readLoop, "postmaster link");
        reader.setDaemon(true);
        reader.start();
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

    private void readLoop() {
        try {
            while (true) {
                ControlChannel.Received received = channel.receive();
                if (received == null) {
                    break;
                }
                switch (received.message()) {
                    case ControlMessage.Handoff h -> inbox.add(new ClientHandoff(received.fd(), h.startupPacket(),
                            h.clientAddr(), h.clientPort(), h.cancelKey()));
                    case ControlMessage.Exit x -> inbox.add(EXIT);
                    default -> throw new IOException("unexpected control message " + received.message());
                }
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
        while (!closing) {
            if (Libc.getppid() != postmaster) {
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
        channel.send(new ControlMessage.Idle());
        Object next;
        try {
            next = inbox.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for a client", e);
        }
        if (next == EXIT) {
            throw new IOException("the postmaster asked this backend to exit");
        }
        return (ClientHandoff) next;
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
        Object pending;
        while ((pending = inbox.poll()) != null) {
            if (pending instanceof ClientHandoff handoff) {
                Libc.closeQuietly(handoff.socketFd());
            }
        }
    }
}
