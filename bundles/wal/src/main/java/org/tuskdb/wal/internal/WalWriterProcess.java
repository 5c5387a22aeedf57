package org.tuskdb.wal.internal;

import java.lang.foreign.MemorySegment;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tuskdb.api.ProcessContext;
import org.tuskdb.api.server.PostmasterLink;
import org.tuskdb.shmem.sync.Latch;

/**
 * The walwriter process (active only in role walwriter): flushes whatever has been inserted
 * every {@code strategy.writerDelayMillis(wal_writer_delay)} ms, or at once when its latch is
 * set (an asynchronous commit). Asynchronous commits are therefore durable within about one
 * delay; synchronous ones do not wait for it.
 */
@Component(immediate = true)
public final class WalWriterProcess {
    private static final Logger LOG = LoggerFactory.getLogger(WalWriterProcess.class);

    @Reference(target = "(" + ProcessContext.ROLE_PROPERTY + "=" + WalWriterRole.NAME + ")")
    private ProcessContext process;

    @Reference
    private PostmasterLink link;

    @Reference
    private WalService wal;

    private volatile boolean running = true;
    private Thread thread;
    private MemorySegment region;

    @Activate
    void activate() {
        region = wal.engine().region();
        thread = new Thread(this::run, "walwriter");
        thread.setDaemon(true);
        thread.start();
        link.ready();
    }

    private void run() {
        WalEngine engine = wal.engine();
        while (running) {
            Latch.reset(region, WalRegion.WALWRITER_LATCH);
            long delay;
            try {
                long inserted = engine.insertPosition();
                if (inserted > engine.flushedPosition()) {
                    engine.flush(inserted);
                }
                delay = wal.strategy().writerDelayMillis(engine.settings().walWriterDelayMillis());
            } catch (RuntimeException e) {
                LOG.error("WAL write failed: {}", e.toString(), e);
                delay = 1000;
            }
            Latch.wait(region, WalRegion.WALWRITER_LATCH, Math.max(1, delay));
        }
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        running = false;
        Latch.set(region, WalRegion.WALWRITER_LATCH);
        thread.join(2000);
    }
}
