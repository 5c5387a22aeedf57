package org.tuskdb.postmaster.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
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
import org.tuskdb.api.server.AuxiliaryRole;
import org.tuskdb.api.server.ServerControl;
import org.tuskdb.api.server.WorkerLauncher;
import org.tuskdb.api.shmem.ProcArray;
import org.tuskdb.api.shmem.SegmentOwner;
import org.tuskdb.platform.linux.Errno;
import org.tuskdb.platform.linux.ErrnoException;
import org.tuskdb.platform.linux.Signals;

/**
 * The postmaster: active only in the postmaster JVM. Wires the services it needs into a
 * {@link ServerLoop}, installs PostgreSQL's postmaster signal meanings, and registers
 * {@link ServerControl} for the shell. Activation only binds sockets and starts threads; the
 * start sequence runs on the loop thread.
 */
@Component(service = ServerControl.class, immediate = true)
public final class Postmaster implements ServerControl {
    private static final Logger LOG = LoggerFactory.getLogger(Postmaster.class);
    /** How long framework stop waits for a fast shutdown before killing what is left. */
    private static final long STOP_TIMEOUT_MILLIS = 60_000;
    /** How long the start sequence waits for the other bundles to finish starting. */
    private static final long SETTLE_TIMEOUT_MILLIS = 10_000;

    @Reference(target = "(" + ProcessContext.ROLE_PROPERTY + "=" + ProcessContext.ROLE_POSTMASTER + ")")
    private ProcessContext process;
    @Reference
    private SettingsRegistry settings;
    @Reference
    private SegmentOwner segmentOwner;
    @Reference
    private ProcArray procArray;
    @Reference
    private WorkerLauncher launcher;
    /** Not used directly: makes the postmaster wait until the startup role (this bundle's) is there. */
    @Reference(target = "(" + StartupRole.ROLE_PROPERTY + "=" + StartupRole.NAME + ")")
    private AuxiliaryRole startupRole;

    private final List<AuxiliaryRole> roles = new CopyOnWriteArrayList<>();
    private volatile ServerLoop loop;
    private volatile BundleContext bundleContext;

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addRole(AuxiliaryRole role) {
        roles.add(role);
        ServerLoop current = loop;
        if (current != null) {
            current.roleAdded(role);
        }
    }

    void removeRole(AuxiliaryRole role) {
        roles.remove(role);
        ServerLoop current = loop;
        BundleContext context = bundleContext;
        // While the framework stops, bundles go in reverse start order; a role's bundle (the
        // logger's) may stop before ours. Its process is then left to our shutdown, which stops
        // the logger last, instead of being terminated early.
        if (current != null && !frameworkStopping(context)) {
            current.roleRemoved(role);
        }
    }

    private static boolean frameworkStopping(BundleContext context) {
        try {
            return context == null || context.getBundle(0).getState() == Bundle.STOPPING;
        } catch (IllegalStateException e) {
            return true; // our context is no longer valid: we are being stopped
        }
    }

    @Activate
    void activate(BundleContext context) {
        bundleContext = context;
        Runnable stopFramework = () -> {
            Thread stopper = new Thread(() -> {
                try {
                    context.getBundle(0).stop();
                } catch (BundleException | IllegalStateException e) {
                    LOG.error("could not stop the framework: {}", e.toString());
                }
            }, "postmaster exit");
            stopper.start();
        };
        ServerLoop created = new ServerLoop(settings, segmentOwner, procArray, launcher, () -> List.copyOf(roles),
                new PidFile(process.dataDirectory().resolve("postmaster.pid")),
                () -> FrameworkSettle.await(context, SETTLE_TIMEOUT_MILLIS), stopFramework);
        installSignalHandlers(created);
        removeTemporaryFiles(process.dataDirectory().resolve("base").resolve("pgsql_tmp"));
        try {
            created.start(process.controlSocket());
        } catch (IOException | RuntimeException e) {
            // PostgreSQL: "could not bind ...", then the postmaster exits.
            LOG.error("could not start the postmaster: {}{}", e.getMessage(),
                    e instanceof ErrnoException x && x.errno() == Errno.EADDRINUSE
                            ? "; is another server already running on port " + settings.intValue("port")
                              + "? If not, wait a few seconds and retry."
                            : "");
            stopFramework.run();
            return;
        }
        loop = created;
    }

    /**
     * PostgreSQL's RemovePgTempFiles: temporary files that sorts, hash aggregations and hash
     * joins of backends of an earlier run left (a backend killed mid-query cannot delete its own).
     */
    static void removeTemporaryFiles(java.nio.file.Path directory) {
        if (!java.nio.file.Files.isDirectory(directory)) {
            return;
        }
        try (var files = java.nio.file.Files.list(directory)) {
            for (java.nio.file.Path f : (Iterable<java.nio.file.Path>) files::iterator) {
                if (f.getFileName().toString().startsWith("pgsql_tmp")) {
                    java.nio.file.Files.deleteIfExists(f);
                }
            }
        } catch (IOException e) {
            LOG.warn("could not remove temporary files in \"{}\": {}", directory, e.getMessage());
        }
    }

    private static void installSignalHandlers(ServerLoop target) {
        // "tusk start" runs us in the background, where the shell leaves SIGINT ignored.
        SignalDisposition.restoreDefaultIfIgnored(Signals.SIGINT, Signals.SIGTERM, Signals.SIGHUP);
        Signals.handle("TERM", () -> target.requestShutdown(ShutdownMode.SMART));
        Signals.handle("INT", () -> target.requestShutdown(ShutdownMode.FAST));
        Signals.handle("HUP", target::reload);
        try {
            // Immediate shutdown: the process ends at once; every worker sees its control
            // connection close and halts (PostgreSQL's children quit on SIGQUIT).
            Signals.exitImmediatelyOn(Signals.SIGQUIT);
        } catch (IOException e) {
            LOG.warn("could not install the SIGQUIT handler: {}", e.getMessage());
        }
    }

    @Deactivate
    void deactivate() {
        ServerLoop current = loop;
        loop = null;
        if (current != null) {
            current.stopAndWait(STOP_TIMEOUT_MILLIS);
        }
    }

    // ---- ServerControl ------------------------------------------------------------------------

    @Override
    public String state() {
        ServerLoop current = loop;
        return current == null ? "shutting down" : current.state();
    }

    @Override
    public long startTimeMillis() {
        return process.startTimeMillis();
    }

    @Override
    public Path dataDirectory() {
        return process.dataDirectory();
    }

    @Override
    public int port() {
        ServerLoop current = loop;
        return current == null ? (int) settings.intValue("port") : current.port();
    }

    @Override
    public void shutdown(ShutdownMode mode) {
        ServerLoop current = loop;
        if (current != null) {
            current.requestShutdown(mode);
        }
    }

    /** Work counters since start (connections, handoffs, refusals, crashes); for the shell. */
    public Map<String, Long> counters() {
        ServerLoop current = loop;
        return current == null ? Map.of() : current.counters();
    }
}
