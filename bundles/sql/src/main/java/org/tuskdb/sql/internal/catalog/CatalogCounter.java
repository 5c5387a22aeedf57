package org.tuskdb.sql.internal.catalog;

import java.lang.foreign.MemorySegment;
import java.util.concurrent.atomic.AtomicLong;
import org.tuskdb.shmem.sync.Atomics;

/**
 * The catalog's invalidation counter (a reduced sinval): every transaction that changed the
 * catalog bumps it once it has committed; every backend compares it with the value it last saw
 * at the start of each statement and after each table lock, and empties its relation cache when
 * it moved. Shared through the "catalog" region of the segment; an engine without shared memory
 * uses a counter of its own (shared by its sessions).
 */
public interface CatalogCounter {
    long current();

    void bump();

    /** A counter in this JVM (tests, standalone engines). */
    static CatalogCounter local() {
        AtomicLong v = new AtomicLong();
        return new CatalogCounter() {
            @Override public long current() { return v.get(); }
            @Override public void bump() { v.incrementAndGet(); }
        };
    }

    /** The counter at offset 0 of the "catalog" region. */
    static CatalogCounter shared(MemorySegment region) {
        return new CatalogCounter() {
            @Override public long current() { return Atomics.getLongAcquire(region, 0); }
            @Override public void bump() { Atomics.getAndAddLong(region, 0, 1); }
        };
    }

    /** When the region is missing: every read is a change, so nothing is cached across statements. */
    static CatalogCounter alwaysChanged() {
        AtomicLong v = new AtomicLong();
        return new CatalogCounter() {
            @Override public long current() { return v.incrementAndGet(); }
            @Override public void bump() { }
        };
    }
}
