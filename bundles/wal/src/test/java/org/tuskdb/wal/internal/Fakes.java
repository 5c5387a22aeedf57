package org.tuskdb.wal.internal;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.tuskdb.api.storage.BlockReference;
import org.tuskdb.api.storage.BufferPool;
import org.tuskdb.api.storage.ForkNumber;
import org.tuskdb.api.storage.PageLayout;
import org.tuskdb.api.storage.RelFileLocator;
import org.tuskdb.api.storage.RelationStorage;
import org.tuskdb.api.wal.CheckpointParticipant;
import org.tuskdb.api.wal.RedoContext;
import org.tuskdb.api.wal.ResourceManager;
import org.tuskdb.api.wal.WalRecord;

/** Small fakes of other bundles' services. */
final class Fakes {
    private Fakes() {
    }

    /** Storage: a set of existing forks and their lengths; pages live in {@link Pool}. */
    static final class Storage implements RelationStorage {
        final Map<String, Long> forks = new HashMap<>();
        final Map<String, MemorySegment> disk = new HashMap<>();

        static String key(RelFileLocator rel, ForkNumber fork) {
            return rel.relativePath(fork);
        }

        @Override
        public void create(RelFileLocator rel, ForkNumber fork, boolean walLog) {
            forks.putIfAbsent(key(rel, fork), 0L);
        }

        @Override
        public boolean exists(RelFileLocator rel, ForkNumber fork) {
            return forks.containsKey(key(rel, fork));
        }

        @Override
        public long blockCount(RelFileLocator rel, ForkNumber fork) {
            return forks.getOrDefault(key(rel, fork), 0L);
        }

        @Override
        public void read(RelFileLocator rel, ForkNumber fork, long block, MemorySegment page) {
            MemorySegment p = disk.get(key(rel, fork) + "#" + block);
            if (p == null) {
                page.fill((byte) 0);
            } else {
                MemorySegment.copy(p, 0, page, 0, PageLayout.PAGE_SIZE);
            }
        }

        @Override
        public void write(RelFileLocator rel, ForkNumber fork, long block, MemorySegment page) {
            MemorySegment copy = Arena.ofAuto().allocate(PageLayout.PAGE_SIZE);
            MemorySegment.copy(page, 0, copy, 0, PageLayout.PAGE_SIZE);
            disk.put(key(rel, fork) + "#" + block, copy);
            forks.merge(key(rel, fork), block + 1, Math::max);
        }

        @Override
        public void truncate(RelFileLocator rel, ForkNumber fork, long blocks) {
            forks.put(key(rel, fork), blocks);
        }

        @Override
        public void unlink(RelFileLocator rel, boolean walLog) {
            for (ForkNumber f : ForkNumber.values()) {
                forks.remove(key(rel, f));
            }
        }

        @Override
        public int syncPending() {
            return 0;
        }
    }

    /** Buffer pool: one buffer per block, never evicted; tracks pins and locks to check balance. */
    static final class Pool implements BufferPool {
        final Storage storage;
        final List<BlockReference> blocks = new ArrayList<>();
        final List<MemorySegment> pages = new ArrayList<>();
        final Map<BlockReference, Integer> index = new HashMap<>();
        final Set<Integer> dirty = new HashSet<>();
        int pins;
        int locks;

        Pool(Storage storage) {
            this.storage = storage;
        }

        private int buffer(BlockReference b, boolean zero) {
            Integer id = index.get(b);
            if (id == null) {
                id = blocks.size();
                blocks.add(b);
                MemorySegment page = Arena.ofAuto().allocate(PageLayout.PAGE_SIZE);
                if (!zero) {
                    storage.read(b.rel(), b.fork(), b.block(), page);
                }
                pages.add(page);
                index.put(b, id);
            } else if (zero) {
                pages.get(id).fill((byte) 0);
            }
            pins++;
            return id;
        }

        @Override
        public int read(BlockReference block) {
            return buffer(block, false);
        }

        @Override
        public int readZeroed(BlockReference block) {
            int id = buffer(block, true);
            locks++;
            return id;
        }

        @Override
        public int extend(RelFileLocator rel, ForkNumber fork) {
            throw new UnsupportedOperationException();
        }

        @Override
        public long blockCount(RelFileLocator rel, ForkNumber fork) {
            return 0;
        }

        @Override
        public MemorySegment page(int buffer) {
            return pages.get(buffer);
        }

        @Override
        public BlockReference blockOf(int buffer) {
            return blocks.get(buffer);
        }

        @Override
        public void lockShared(int buffer) {
            locks++;
        }

        @Override
        public void lockExclusive(int buffer) {
            locks++;
        }

        @Override
        public boolean tryLockExclusive(int buffer) {
            locks++;
            return true;
        }

        @Override
        public void unlock(int buffer) {
            locks--;
        }

        @Override
        public void markDirty(int buffer) {
            dirty.add(buffer);
        }

        @Override
        public void markDirtyHint(int buffer) {
            dirty.add(buffer);
        }

        @Override
        public void release(int buffer) {
            pins--;
        }

        @Override
        public void dropRelation(RelFileLocator rel) {
        }

        @Override
        public int flushAll() {
            int n = 0;
            for (int id : dirty) {
                BlockReference b = blocks.get(id);
                storage.write(b.rel(), b.fork(), b.block(), pages.get(id));
                n++;
            }
            dirty.clear();
            return n;
        }

        @Override
        public Stats stats() {
            return new Stats(blocks.size(), 0, 0, 0, 0, 0, dirty.size());
        }

        MemorySegment pageOf(BlockReference b) {
            Integer id = index.get(b);
            return id == null ? null : pages.get(id);
        }
    }

    /** A participant that records calls and stores a fixed state. */
    static final class Participant implements CheckpointParticipant {
        final String name;
        final int order;
        final List<String> calls;
        byte[] state;
        byte[] startState = "unset".getBytes();
        CheckpointParticipant.RecoveryEnd end;
        Runnable onCheckpoint = () -> { };

        Participant(String name, int order, List<String> calls, byte[] state) {
            this.name = name;
            this.order = order;
            this.calls = calls;
            this.state = state;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public int order() {
            return order;
        }

        @Override
        public void checkpoint(long redoLsn) {
            calls.add(name + ".checkpoint");
            onCheckpoint.run();
        }

        @Override
        public byte[] checkpointState() {
            return state;
        }

        @Override
        public void startRecovery(byte[] checkpointState) {
            calls.add(name + ".startRecovery");
            startState = checkpointState;
        }

        @Override
        public void endRecovery(RecoveryEnd end) {
            calls.add(name + ".endRecovery");
            this.end = end;
        }
    }

    /** A heap-like rmgr: main data = one byte written at offset 100 of block 0's page (if it has one). */
    static final class ByteRmgr implements ResourceManager {
        final int id;
        final List<String> log = new ArrayList<>();

        ByteRmgr(int id) {
            this.id = id;
        }

        @Override
        public int id() {
            return id;
        }

        @Override
        public String name() {
            return "byte" + id;
        }

        @Override
        public void redo(WalRecord record, RedoContext ctx) {
            byte value = record.data().get(0);
            if (!record.hasBlock(0)) {
                log.add("nob:" + value);
                return;
            }
            RedoContext.RedoBuffer b = record.info() == 1 ? ctx.initBuffer(0) : ctx.readBuffer(0);
            log.add(b.action() + ":" + value);
            if (b.action() == RedoContext.Action.NEEDS_REDO) {
                MemorySegment page = ctx.buffers().page(b.buffer());
                if (record.info() == 1) {
                    PageLayout.initialize(page, 0);
                }
                page.set(java.lang.foreign.ValueLayout.JAVA_BYTE, 100, value);
                PageLayout.setLsn(page, record.endLsn());
                ctx.buffers().markDirty(b.buffer());
            }
            if (b.valid()) {
                ctx.buffers().unlockAndRelease(b.buffer());
            }
        }
    }
}
