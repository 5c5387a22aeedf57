package org.tuskdb.bufferpool.internal;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tuskdb.api.ProcessContext;
import org.tuskdb.api.SettingsRegistry;
import org.tuskdb.api.server.PostmasterLink;

/**
 * The bgwriter process's loop, active only in role bgwriter: every bgwriter_delay one
 * {@link BgWriterSync} round (settings read each round, so a reload takes effect; defaults
 * 200 ms, 100 pages, 2.0 without a settings service). SIGTERM is the default of auxiliary roles
 * (exit 0): the bgwriter holds nothing that a checkpoint would not write anyway. The thread is
 * woken with unpark, never interrupted: an interrupt would close shared FileChannels mid-write.
 */
@Component(immediate = true)
public final class BgWriterProcess {
    private static final Logger LOG = LoggerFactory.getLogger(BgWriterProcess.class);

    @Reference(target = "(" + ProcessContext.ROLE_PROPERTY + "=" + BgWriterRole.NAME + ")")
    ProcessContext process;

    @Reference
    PostmasterLink postmaster;

    @Reference
    BufferPoolService pool;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile SettingsRegistry settings;

    private volatile boolean running = true;
    private Thread thread;

    @Activate
    void activate() {
        BgWriterSync sync = new BgWriterSync(pool.buffers());
        thread = new Thread(() -> loop(sync), "tusk-bgwriter");
        thread.setDaemon(true);
        thread.start();
        postmaster.ready();
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        running = false;
        LockSupport.unpark(thread);
        thread.join(5000);
    }

    private void loop(BgWriterSync sync) {
        while (running) {
            long delay = setting("bgwriter_delay", 200);
            try {
                sync.run((int) setting("bgwriter_lru_maxpages", 100), multiplier(), delay);
            } catch (RuntimeException e) {
                // A write error (disk full, ...) is logged and retried next round, as PostgreSQL's
                // bgwriter does; the buffer stays dirty.
                LOG.error("background writer round failed: {}", e.getMessage(), e);
            }
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(Math.max(10, delay));
            long left;
            while (running && (left = deadline - System.nanoTime()) > 0) {
                LockSupport.parkNanos(left);
            }
        }
    }

    private long setting(String name, long fallback) {
        SettingsRegistry registry = settings;
        if (registry == null) {
            return fallback;
        }
        try {
            return registry.intValue(name);
        } catch (RuntimeException e) {
            return fallback;
        }
    }

    private double multiplier() {
        SettingsRegistry registry = settings;
        if (registry == null) {
            return 2.0;
        }
        try {
            return Double.parseDouble(registry.value("bgwriter_lru_multiplier"));
        } catch (RuntimeException e) {
            return 2.0;
        }
    }
}
