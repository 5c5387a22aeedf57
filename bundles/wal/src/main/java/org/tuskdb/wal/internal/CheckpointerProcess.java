package org.tuskdb.wal.internal;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

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
import org.tuskdb.api.server.PostmasterLink;
import org.tuskdb.api.storage.BufferPool;
import org.tuskdb.api.wal.CheckpointParticipant;
import org.tuskdb.platform.linux.Signals;
import org.tuskdb.shmem.sync.Atomics;

/**
 * The checkpointer process (active only in role checkpointer): runs {@link CheckpointerLoop} on
 * its own thread; SIGTERM (the postmaster's last step of a shutdown) makes it write the shutdown
 * checkpoint and exit 0.
 */
@Component(immediate = true)
public final class CheckpointerProcess {
    private static final Logger LOG = LoggerFactory.getLogger(CheckpointerProcess.class);

    @Reference(target = "(" + ProcessContext.ROLE_PROPERTY + "=" + CheckpointerRole.NAME + ")")
    private ProcessContext process;

    @Reference
    private PostmasterLink link;

    @Reference
    private WalService wal;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile BufferPool buffers;

    private final List<CheckpointParticipant> participants = new CopyOnWriteArrayList<>();
    private CheckpointerLoop loop;
    private Thread thread;

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addParticipant(CheckpointParticipant p) {
        participants.add(p);
    }

    void removeParticipant(CheckpointParticipant p) {
        participants.remove(p);
    }

    @Activate
    void activate() {
        WalEngine engine = wal.engine();
        CheckpointRunner runner = new CheckpointRunner(engine, process.dataDirectory(), () -> participants);
        loop = new CheckpointerLoop(engine, runner, this::buffersWritten);
        Atomics.setLongRelease(engine.region(), WalRegion.CHECKPOINTER_PID, process.pid());
        Signals.handle("TERM", loop::requestShutdown);
        thread = new Thread(this::run, "checkpointer");
        thread.start();
        link.ready();
    }

    private long buffersWritten() {
        BufferPool bp = buffers;
        try {
            return bp == null ? 0 : bp.stats().writtenByCheckpoint();
        } catch (RuntimeException e) {
            return 0;
        }
    }

    private void run() {
        boolean shutdown;
        try {
            shutdown = loop.run();
        } catch (RuntimeException | Error e) {
            LOG.error("checkpointer failed: {}", e.toString(), e);
            System.exit(1);
            return;
        }
        if (shutdown) {
            System.exit(0);
        }
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        if (loop != null) {
            loop.stop();
        }
        if (thread != null && thread != Thread.currentThread()) {
            thread.join(5000);
        }
    }
}
