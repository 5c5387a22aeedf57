package org.tuskdb.sql.internal.session;

import org.tuskdb.api.xact.Interruptible;
import org.tuskdb.api.xact.IsolationLevel;
import org.tuskdb.api.xact.LockMode;
import org.tuskdb.api.xact.LockTag;
import org.tuskdb.api.xact.Snapshot;
import org.tuskdb.api.xact.Transaction;
import org.tuskdb.sql.internal.catalog.CatalogTables;
import org.tuskdb.sql.internal.catalog.RelationCache;
import org.tuskdb.sql.internal.storage.StorageContext;
import org.tuskdb.sql.internal.storage.StorageServices;

/**
 * The session's storage transaction (the api's {@link Transaction}) alongside the xact.c block
 * state of {@link TransactionState}: begun on first use with the block's isolation level and
 * read-only flag and as many subtransactions as the block has savepoints, so the two stacks
 * always have the same depth; committed or aborted with the block.
 */
final class StorageTransaction implements StorageContext {
    private final Session session;
    private final EngineServices services;
    private final RelationCache relcache;
    private Transaction tx;
    private boolean catalogChanged;
    /** Whether a committed catalog change of this transaction must reach other sessions (see catalogChanged). */
    private boolean sharedCatalogChange;
    /** Inside DDL on this session's temporary objects only (see {@link #temporaryDdl}). */
    private int temporaryScope;
    /**
     * How the transaction's waits for other transactions (row locks, through the heap) check
     * for cancel and find the session's current lock_timeout.
     */
    private final Interruptible waits = new Interruptible() {
        @Override
        public void checkForInterrupts() {
            session.host().checkForInterrupts();
        }

        @Override
        public long lockTimeoutMillis() {
            return session.lockTimeoutMillis();
        }
    };

    StorageTransaction(Session session, EngineServices services, RelationCache relcache) {
        this.session = session;
        this.services = services;
        this.relcache = relcache;
    }

    @Override
    public String sessionUser() {
        return session.currentUserName();
    }

    @Override
    public RelationCache relationCache() {
        return relcache;
    }

    @Override
    public StorageServices services() {
        return services;
    }

    /** The storage transaction if one has begun, else null (no storage work yet). */
    Transaction current() {
        return tx;
    }

    @Override
    public Transaction transaction() {
        if (tx == null) {
            StorageServices s = requireTables();
            TransactionState state = session.tx;
            IsolationLevel level = IsolationLevel.of(state.isolation == null ? "read committed" : state.isolation);
            Transaction t = s.transactions().begin(level, state.readOnly, waits);
            for (int i = 0; i < state.savepoints.size(); i++) {
                t.beginSubtransaction();
            }
            tx = t;
            catalogChanged = false;
            sharedCatalogChange = false;
        }
        return tx;
    }

    @Override
    public Snapshot snapshot() {
        return transaction().snapshot();
    }

    @Override
    public Snapshot freshSnapshot() {
        Transaction t = transaction();
        t.startStatement();
        return t.snapshot();
    }

    /** A statement begins: READ COMMITTED takes its next snapshot afresh. */
    void startStatement() {
        if (tx != null) {
            tx.startStatement();
        }
    }

    @Override
    public void lockRelation(long relOid, LockMode mode) {
        transaction();
        services.locks().lock(LockTag.relation(CatalogTables.lockDatabase(relOid), relOid), mode, session.lockTimeoutMillis(),
            session.host()::checkForInterrupts);
    }

    /** NOWAIT: the lock if it needs no wait, else false. */
    boolean tryLockRelation(long relOid, LockMode mode) {
        transaction();
        return services.locks().tryLock(LockTag.relation(CatalogTables.lockDatabase(relOid), relOid), mode);
    }

    @Override
    public void unlockRelation(long relOid, LockMode mode) {
        services.locks().unlock(LockTag.relation(CatalogTables.lockDatabase(relOid), relOid), mode);
    }

    @Override
    public boolean advisoryLock(LockTag tag, LockMode mode, boolean sessionLevel, boolean wait) {
        transaction();
        if (sessionLevel) {
            return services.locks().lockSession(tag, mode, wait, session.lockTimeoutMillis(),
                session.host()::checkForInterrupts);
        }
        if (!wait) {
            return services.locks().tryLock(tag, mode);
        }
        services.locks().lock(tag, mode, session.lockTimeoutMillis(), session.host()::checkForInterrupts);
        return true;
    }

    @Override
    public boolean advisoryUnlock(LockTag tag, LockMode mode) {
        return services.locks().unlockSession(tag, mode);
    }

    @Override
    public void advisoryUnlockAll() {
        if (services.tablesAvailable()) {
            services.locks().releaseSessionLocks();
        }
    }

    /** Takes a lock on an arbitrary tag for the rest of the transaction (CREATE TABLE's name lock). */
    void lock(LockTag tag, LockMode mode) {
        transaction();
        services.locks().lock(tag, mode, session.lockTimeoutMillis(), session.host()::checkForInterrupts);
    }

    /**
     * The transaction changes the catalog: this session's relation cache and plans are emptied now
     * and at the transaction's end; at commit the shared counter moves so that every other
     * session's are too. Not for changes made inside {@link #temporaryDdl} only: another session
     * can neither name nor plan over this session's temporary objects, so its caches stay (every
     * pooled backend's warm-up creates and drops a temporary table; it used to re-plan every
     * prepared statement of every session).
     */
    @Override
    public void catalogChanged() {
        relcache.invalidateLocal();
        boolean shared = temporaryScope == 0;
        if (!catalogChanged) {
            catalogChanged = true;
            sharedCatalogChange = shared;
            transaction().onEnd(committed -> {
                if (committed && sharedCatalogChange) {
                    relcache.counter().bump();
                }
                relcache.invalidateLocal();
            });
        } else if (shared) {
            sharedCatalogChange = true;
        }
    }

    /** A catalog change of this transaction concerns a permanent object after all: other sessions must see it. */
    void sharedCatalogChange() {
        catalogChanged();
        sharedCatalogChange = true;
    }

    /**
     * Runs DDL that touches only this session's temporary objects (its pg_temp_N schema and what
     * is in it): the catalog changes it makes stay this session's (see {@link #catalogChanged}).
     */
    <T> T temporaryDdl(java.util.function.Supplier<T> ddl) {
        temporaryScope++;
        try {
            return ddl.get();
        } finally {
            temporaryScope--;
        }
    }

    void commit(boolean synchronous) {
        Transaction t = tx;
        tx = null;
        if (t != null) {
            try {
                t.commit(synchronous);
            } catch (RuntimeException e) {
                t.abort();
                throw e;
            }
        }
    }

    void abort() {
        Transaction t = tx;
        tx = null;
        if (t != null) {
            t.abort();
        }
    }

    void beginSubtransaction() {
        if (tx != null) {
            tx.beginSubtransaction();
        }
    }

    void releaseSubtransaction() {
        if (tx != null) {
            tx.releaseSubtransaction();
        }
    }

    void rollbackSubtransaction() {
        if (tx != null) {
            tx.rollbackSubtransaction();
        }
    }
}
