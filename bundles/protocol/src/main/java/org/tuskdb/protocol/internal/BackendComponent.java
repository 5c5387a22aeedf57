package org.tuskdb.protocol.internal;

import java.io.IOException;
import java.util.function.IntConsumer;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tuskdb.api.ProcessContext;
import org.tuskdb.api.SettingsRegistry;
import org.tuskdb.api.server.PostmasterLink;
import org.tuskdb.api.shmem.ProcArray;
import org.tuskdb.api.sql.SqlEngine;
import org.tuskdb.platform.linux.Signals;

/**
 * The backend role: in a worker JVM started as a backend (and only there, by the target filter
 * on ProcessContext) it installs the backend's signal handlers and runs {@link BackendLoop} on
 * its own non-daemon thread, which keeps the JVM alive until the loop decides to exit.
 */
@Component(immediate = true)
public final class BackendComponent {
    private static final Logger LOG = LoggerFactory.getLogger(BackendComponent.class);

    private final Interrupts interrupts;
    private final BackendLoop loop;
    private final IntConsumer exit;

    @Activate
    public BackendComponent(
            @Reference(name = "process", target = "(" + ProcessContext.ROLE_PROPERTY + "=" + ProcessContext.ROLE_BACKEND + ")")
            ProcessContext process,
            @Reference(name = "link") PostmasterLink link,
            @Reference(name = "engine") SqlEngine engine,
            @Reference(name = "procArray") ProcArray procArray,
            @Reference(name = "settings") SettingsRegistry settings) throws IOException {
        // Exit from a thread of its own: a caller inside the framework (deactivation) must not
        // wait in System.exit for shutdown hooks that wait for the framework.
        this.exit = status -> {
            Thread t = new Thread(() -> System.exit(status), "tusk-backend-exit");
            t.start();
        };
        this.interrupts = new Interrupts(exit);
        this.loop = new BackendLoop(link, engine, procArray, settings, process.pid(), interrupts, exit);
        installSignalHandlers();
        Thread main = new Thread(loop, "tusk-backend");
        main.setDaemon(false);
        main.start();
    }

    private void installSignalHandlers() {
        try {
            Signals.handle("INT", interrupts::requestCancel);
            Signals.handle("TERM", interrupts::requestTerminate);
            Signals.handle("HUP", interrupts::requestReload);
            Signals.handle("USR1", interrupts::requestNotify);
            Signals.exitImmediatelyOn(Signals.SIGQUIT);
        } catch (IOException | RuntimeException e) {
            LOG.error("could not install the backend's signal handlers", e);
        }
    }

    @Deactivate
    void deactivate() {
        // Handlers must not reach a stopped component; a backend without one has nothing to do.
        try {
            Signals.handle("INT", () -> { });
            Signals.handle("HUP", () -> { });
            Signals.handle("USR1", () -> { });
            Signals.handle("TERM", () -> exit.accept(0));
        } catch (RuntimeException e) {
            LOG.debug("could not reset signal handlers: {}", e.getMessage());
        }
        loop.stop();
    }
}
