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

    /**
     * Releases every lock this process holds for its transaction (transaction end); locks held at
     * session level stay.
     */
    void releaseAll();

    /**
     * Acquires a session-level lock (PostgreSQL's locks without a resource owner: the session
     * advisory locks): {@link #releaseAll} keeps it; it is held until {@link #unlockSession} or
     * {@link #releaseSessionLocks}. A tag held at both levels conflicts with others once.
     *
     * @param wait false: only if that needs no wait (the result says whether it was granted)
     * @since 1.2
     */
    default boolean lockSession(LockTag tag, LockMode mode, boolean wait, long timeoutMillis, Interruptible interrupts) {
        throw new UnsupportedOperationException("session-level locks");
    }

    /** Releases one count of a session-level lock; false (nothing released) when none is held. @since 1.2 */
    default boolean unlockSession(LockTag tag, LockMode mode) {
        throw new UnsupportedOperationException("session-level locks");
    }

    /** Releases every session-level lock of this process (session end, pg_advisory_unlock_all). @since 1.2 */
    default void releaseSessionLocks() {
    }

    /** Every lock held or awaited in the server (pg_locks). */
    List<LockInfo> locks();

    /**
     * One held or awaited lock mode. {@code fastPath}: held through the process's fast-path
     * entries rather than the shared lock table (pg_locks.fastpath; @since 1.3).
     */
    record LockInfo(LockTag tag, LockMode mode, long pid, boolean granted, boolean fastPath) {
        /** A lock of the shared table (fastPath false). */
        public LockInfo(LockTag tag, LockMode mode, long pid, boolean granted) {
            this(tag, mode, pid, granted, false);
        }
    }
}
