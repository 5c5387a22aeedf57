package org.tuskdb.postmaster.internal.worker;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tuskdb.api.ProcessContext;
import org.tuskdb.api.server.PostmasterLink;
import org.tuskdb.api.server.StartupStep;
import org.tuskdb.postmaster.internal.FrameworkSettle;

/**
 * What the startup process does (active only in role "startup"): once every bundle has started,
 * run each {@link StartupStep} in ascending order, then exit 0. A failing step exits 1, and the
 * postmaster then gives up starting (PostgreSQL: "aborting startup due to startup process
 * failure"). WAL replay will be such a step; until then there are none and the process only
 * proves that a worker can start, attach and exit.
 */
@Component(immediate = true)
public final class StartupProcess {
    private static final Logger LOG = LoggerFactory.getLogger(StartupProcess.class);
    private static final long SETTLE_TIMEOUT_MILLIS = 10_000;

    @Reference(target = "(" + ProcessContext.ROLE_PROPERTY + "=startup)")
    private ProcessContext process;

    /** Held so the control connection (and its orphan guard) is up while steps run. */
    @Reference
    private PostmasterLink link;

    private final List<StartupStep> steps = new CopyOnWriteArrayList<>();

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addStep(StartupStep step) {
        steps.add(step);
    }

    void removeStep(StartupStep step) {
        steps.remove(step);
    }

    @Activate
    void activate(BundleContext context) {
        Thread runner = new Thread(() -> run(context), "startup");
        runner.start();
    }

    private void run(BundleContext context) {
        int status = 0;
        String current = "(none)";
        try {
            FrameworkSettle.await(context, SETTLE_TIMEOUT_MILLIS);
            List<StartupStep> ordered = new ArrayList<>(steps);
            ordered.sort(Comparator.comparingInt(StartupStep::order));
            LOG.debug("startup process (PID {}) running {} steps", process.pid(), ordered.size());
            for (StartupStep step : ordered) {
                current = step.name();
                long started = System.nanoTime();
                step.run();
                LOG.debug("startup step {} done in {} ms", step.name(), (System.nanoTime() - started) / 1_000_000);
            }
        } catch (Exception | Error e) {
            LOG.error("startup step {} failed: {}", current, e.toString(), e);
            status = 1;
        }
        System.exit(status);
    }
}
