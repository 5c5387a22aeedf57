package org.tuskdb.wal.internal;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.tuskdb.api.DatabaseException;
import org.tuskdb.api.ProcessContext;
import org.tuskdb.api.server.StartupStep;
import org.tuskdb.api.storage.BufferPool;
import org.tuskdb.api.storage.RelationStorage;
import org.tuskdb.api.wal.CheckpointParticipant;
import org.tuskdb.api.wal.ResourceManager;
import org.tuskdb.api.wal.ResourceManagerIds;

/**
 * Startup step 100 (role startup): WAL recovery ({@link Recovery}). Resource managers, the
 * buffer pool and the storage manager are dynamic references: a record whose resource manager
 * has not been registered yet waits for it up to {@value #WAIT_MILLIS} ms, then fails startup
 * with an error naming the id.
 */
@Component(service = StartupStep.class)
public final class RecoveryStep implements StartupStep {
    static final long WAIT_MILLIS = 10_000;

    @Reference(target = "(" + ProcessContext.ROLE_PROPERTY + "=startup)")
    private ProcessContext process;

    @Reference
    private WalService wal;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile BufferPool buffers;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile RelationStorage storage;

    private final List<CheckpointParticipant> participants = new CopyOnWriteArrayList<>();
    private final Map<Integer, ResourceManager> rmgrs = new ConcurrentHashMap<>();

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addParticipant(CheckpointParticipant p) {
        participants.add(p);
    }

    void removeParticipant(CheckpointParticipant p) {
        participants.remove(p);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addResourceManager(ResourceManager rm) {
        rmgrs.put(rm.id(), rm);
    }

    void removeResourceManager(ResourceManager rm) {
        rmgrs.remove(rm.id(), rm);
    }

    @Override
    public int order() {
        return 100;
    }

    @Override
    public String name() {
        return "wal recovery";
    }

    @Override
    public void run() throws Exception {
        new Recovery(process.dataDirectory(), wal.engine(), () -> participants, this::resourceManager,
                () -> await(() -> buffers, "the buffer pool (BufferPool)"),
                () -> await(() -> storage, "the storage manager (RelationStorage)")).run();
    }

    private ResourceManager resourceManager(int id) {
        ResourceManager rm = await(() -> rmgrs.get(id), null);
        if (rm == null) {
            throw DatabaseException.fatal("XX000", "resource manager with ID " + id + " (" + knownName(id)
                    + ") is not registered: no active bundle replays these WAL records");
        }
        return rm;
    }

    private static <T> T await(Supplier<T> s, String what) {
        long deadline = System.currentTimeMillis() + WAIT_MILLIS;
        T v;
        while ((v = s.get()) == null && System.currentTimeMillis() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (v == null && what != null) {
            throw DatabaseException.fatal("XX000", "cannot replay WAL: " + what + " is not available");
        }
        return v;
    }

    static String knownName(int id) {
        return switch (id) {
            case ResourceManagerIds.XLOG -> "XLOG";
            case ResourceManagerIds.XACT -> "Transaction";
            case ResourceManagerIds.SMGR -> "Storage";
            case ResourceManagerIds.CLOG -> "CLOG";
            case ResourceManagerIds.HEAP -> "Heap";
            case ResourceManagerIds.BTREE -> "Btree";
            case ResourceManagerIds.SEQUENCE -> "Sequence";
            default -> id >= ResourceManagerIds.FIRST_CUSTOM ? "custom" : "unknown";
        };
    }
}
