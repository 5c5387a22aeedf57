package org.tuskdb.btree.internal;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;

import org.tuskdb.api.storage.ForkNumber;
import org.tuskdb.api.storage.RelFileLocator;
import org.tuskdb.api.storage.RelationStorage;

/** A storage manager that only records create and unlink calls (the fake pool holds the pages). */
final class FakeStorage implements RelationStorage {
    final List<String> calls = new ArrayList<>();

    @Override
    public synchronized void create(RelFileLocator rel, ForkNumber fork, boolean walLog) {
        calls.add("create " + rel + " " + walLog);
    }

    @Override
    public boolean exists(RelFileLocator rel, ForkNumber fork) {
        return true;
    }

    @Override
    public long blockCount(RelFileLocator rel, ForkNumber fork) {
        return 0;
    }

    @Override
    public void read(RelFileLocator rel, ForkNumber fork, long block, MemorySegment page) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void write(RelFileLocator rel, ForkNumber fork, long block, MemorySegment page) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void truncate(RelFileLocator rel, ForkNumber fork, long blocks) {
        throw new UnsupportedOperationException();
    }

    @Override
    public synchronized void unlink(RelFileLocator rel, boolean walLog) {
        calls.add("unlink " + rel + " " + walLog);
    }

    @Override
    public int syncPending() {
        return 0;
    }
}
