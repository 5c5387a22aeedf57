package org.tuskdb.sql.internal.function;

import static org.tuskdb.sql.internal.value.PgType.BOOL;
import static org.tuskdb.sql.internal.value.PgType.INT4;
import static org.tuskdb.sql.internal.value.PgType.INT8;

import java.util.List;
import org.tuskdb.api.DatabaseException;
import org.tuskdb.api.xact.LockMode;
import org.tuskdb.api.xact.LockTag;
import org.tuskdb.sql.internal.catalog.CatalogTables;
import org.tuskdb.sql.internal.expr.EvalContext;
import org.tuskdb.sql.internal.value.BoolValue;
import org.tuskdb.sql.internal.value.IntegerValue;
import org.tuskdb.sql.internal.value.PgType;
import org.tuskdb.sql.internal.value.Value;
import org.tuskdb.sql.internal.value.VoidValue;

/**
 * PostgreSQL's advisory lock functions (lockfuncs.c): locks on application-chosen keys, one
 * bigint or two integers, in the lock manager like any other lock (so they wait, time out under
 * lock_timeout, are cancelled, and take part in deadlock detection). {@code pg_advisory_lock*}
 * hold at session level (until unlocked, pg_advisory_unlock_all, DISCARD ALL or the session's
 * end), {@code pg_advisory_xact_lock*} until the transaction ends; {@code _shared} takes
 * ShareLock instead of ExclusiveLock; {@code pg_try_*} returns false instead of waiting.
 * Unlocking a key the session does not hold returns false with PostgreSQL's WARNING.
 */
final class AdvisoryLockFunctions {
    private AdvisoryLockFunctions() {}

    /** field3 of the tag as PostgreSQL's locktag_field4: 1 for a bigint key, 2 for two integers. */
    private static final int BIGINT_KEY = 1;
    private static final int INT_PAIR_KEY = 2;

    static void register(FunctionRegistry r) {
        for (boolean shared : new boolean[] {false, true}) {
            String suffix = shared ? "_shared" : "";
            LockMode mode = shared ? LockMode.SHARE : LockMode.EXCLUSIVE;
            for (List<PgType> key : List.of(List.of(INT8), List.of(INT4, INT4))) {
                r.fn("pg_advisory_lock" + suffix, PgType.VOID, key, 'v', (a, c) -> {
                    c.storage().advisoryLock(tag(a), mode, true, true);
                    return VoidValue.INSTANCE;
                });
                r.fn("pg_advisory_xact_lock" + suffix, PgType.VOID, key, 'v', (a, c) -> {
                    c.storage().advisoryLock(tag(a), mode, false, true);
                    return VoidValue.INSTANCE;
                });
                r.fn("pg_try_advisory_lock" + suffix, BOOL, key, 'v',
                    (a, c) -> BoolValue.of(c.storage().advisoryLock(tag(a), mode, true, false)));
                r.fn("pg_try_advisory_xact_lock" + suffix, BOOL, key, 'v',
                    (a, c) -> BoolValue.of(c.storage().advisoryLock(tag(a), mode, false, false)));
                r.fn("pg_advisory_unlock" + suffix, BOOL, key, 'v', (a, c) -> unlock(c, tag(a), mode));
            }
        }
        r.fn("pg_advisory_unlock_all", PgType.VOID, List.of(), 'v', (a, c) -> {
            c.storage().advisoryUnlockAll();
            return VoidValue.INSTANCE;
        });
    }

    private static LockTag tag(Value[] a) {
        if (a.length == 1) {
            return new LockTag(LockTag.Kind.ADVISORY, CatalogTables.DB_OID, ((IntegerValue) a[0]).value(), BIGINT_KEY);
        }
        long k1 = ((IntegerValue) a[0]).value();
        long k2 = ((IntegerValue) a[1]).value();
        return new LockTag(LockTag.Kind.ADVISORY, CatalogTables.DB_OID, k1 << 32 | (k2 & 0xffffffffL), INT_PAIR_KEY);
    }

    private static Value unlock(EvalContext c, LockTag tag, LockMode mode) {
        if (c.storage().advisoryUnlock(tag, mode)) {
            return BoolValue.TRUE;
        }
        c.notice(new DatabaseException(DatabaseException.Severity.WARNING, "01000",
            "you don't own a lock of type " + mode.pgName(), null, null, 0, null));
        return BoolValue.FALSE;
    }
}
