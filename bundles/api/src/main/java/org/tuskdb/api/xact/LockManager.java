package org.tuskdb.api.xact;

import java.util.List;

/**
 * The heavyweight lock manager (PostgreSQL's lock.c, proc.c, deadlock.c): a lock table in the
 * segment shared by all processes, with waits that sleep on the waiter's latch, a deadlock check
 * after deadlock_timeout (the waiter that finds the cycle gets 40P01), lock_timeout (55P03) and
 * cancel (57014). Locks are held by the calling process on behalf of its current transaction and
 * released together at its end.
 */
public interface LockManager {
    /**
     * Acquires the lock, waiting as long as it conflicts with a lock another process holds or
     * waits for. Re-acquiring a held lock just counts it.
     *
     * @param timeoutMillis lock_timeout: 0 waits without limit, otherwise 55P03 "canceling
     *                      statement due to lock timeout" once exceeded
     */
    void lock(LockTag tag, LockMode mode, long timeoutMillis, Interruptible interrupts);

    /** Acquires the lock only if that needs no wait (PostgreSQL's NOWAIT; 55P03 is the caller's). */
    boolean tryLock(LockTag tag, LockMode mode);

    /** Releases one count of a lock this process holds. */
    void unlock(LockTag tag, LockMode mode);

    /** Releases every lock this process holds (transaction end). */
    void releaseAll();

    /** Every lock held or awaited in the server (pg_locks). */
    List<LockInfo> locks();

    record LockInfo(LockTag tag, LockMode mode, long pid, boolean granted) {
    }
}
