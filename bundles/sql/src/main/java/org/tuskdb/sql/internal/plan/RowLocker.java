package org.tuskdb.sql.internal.plan;

import org.tuskdb.api.DatabaseException;
import org.tuskdb.api.SqlState;
import org.tuskdb.api.heap.HeapAccess;
import org.tuskdb.api.heap.HeapTuple;
import org.tuskdb.api.heap.ModifyResult;
import org.tuskdb.api.heap.Tid;
import org.tuskdb.api.xact.Transaction;
import org.tuskdb.sql.internal.ast.RowLock;
import org.tuskdb.sql.internal.catalog.SystemColumns;
import org.tuskdb.sql.internal.catalog.TableDescriptor;
import org.tuskdb.sql.internal.expr.EvalContext;
import org.tuskdb.sql.internal.expr.Expression;
import org.tuskdb.sql.internal.value.Value;

/**
 * ExecLockRows for the rows of one scan (SeqScanPlan and IndexScanPlan lock the rows they return
 * when the SELECT has FOR UPDATE / SHARE; one per cursor). Each row that passed the qual is
 * locked with {@code HeapAccess.lockTuple}:
 * <ul>
 * <li>held by a concurrent transaction: waited for; with NOWAIT 55P03 "could not obtain lock on
 *     row in relation ..."; with SKIP LOCKED the row is skipped (PostgreSQL's LockWaitPolicy);</li>
 * <li>updated by a committed concurrent transaction (READ COMMITTED): the newest version is
 *     locked ({@link EvalPlanQual}, with the same wait policy) and re-checked against the qual;
 *     the lock stays even when it no longer qualifies, as in PostgreSQL; deleted: skipped; under
 *     REPEATABLE READ / SERIALIZABLE both are 40001;</li>
 * <li>already changed by this statement: skipped.</li>
 * </ul>
 */
final class RowLocker {
    private final RowLock lock;
    private final TableDescriptor table;
    private final HeapAccess heap;
    private final Transaction tx;
    private final Expression qual;
    private final boolean[] used;
    private final EvalContext ctx;
    private final boolean[] wouldBlock;
    private Tid tid;

    RowLocker(RowLock lock, TableDescriptor table, HeapAccess heap, Transaction tx, Expression qual, boolean[] used,
              EvalContext ctx) {
        this.lock = lock;
        this.table = table;
        this.heap = heap;
        this.tx = tx;
        this.qual = qual;
        this.used = used;
        this.ctx = ctx;
        this.wouldBlock = lock.waits() ? null : new boolean[1];
    }

    /** The tid of the version {@link #lock} returned last. */
    Tid tid() {
        return tid;
    }

    /** Locks the row at {@code at}: the row to return (maybe a newer version), or null to skip it. */
    Value[] lock(Value[] row, Tid at) {
        tid = at;
        ModifyResult r = heap.lockTuple(table.locator(), at, lock.strength(), tx, lock.waits());
        switch (r.status()) {
            case OK -> {
                return row;
            }
            case SELF_MODIFIED -> {
                return null;
            }
            case DELETED -> {
                if (tx.isolation().usesTransactionSnapshot()) {
                    throw SeqScanPlan.serializationFailure(false); // ExecLockRows says "update" for both
                }
                return null;
            }
            case UPDATED -> {
                if (tx.isolation().usesTransactionSnapshot()) {
                    throw SeqScanPlan.serializationFailure(false);
                }
                if (r.tid() == null) {
                    return null;
                }
                HeapTuple latest = EvalPlanQual.lockNewest(heap, table.locator(), r.tid(), lock.strength(), tx, "lock",
                    wouldBlock);
                if (latest == null) {
                    if (wouldBlock != null && wouldBlock[0]) {
                        wouldBlock[0] = false;
                        return notLocked();
                    }
                    return null;
                }
                Value[] newer = new Value[SystemColumns.width(table, used)];
                table.codec().decode(latest.data(), newer, used);
                SystemColumns.fill(table, newer, used, latest);
                if (!SeqScanPlan.passes(qual, newer, ctx)) {
                    return null;
                }
                tid = latest.tid();
                return newer;
            }
            case INVISIBLE -> throw DatabaseException.error(SqlState.INTERNAL_ERROR, "attempted to lock invisible tuple");
            case WOULD_BLOCK -> {
                return notLocked();
            }
            default -> throw new IllegalStateException(r.status().toString());
        }
    }

    /** A row held by another transaction under NOWAIT (55P03) or SKIP LOCKED (skipped). */
    private Value[] notLocked() {
        if (lock.waitPolicy() == RowLock.WaitPolicy.SKIP) {
            return null;
        }
        throw DatabaseException.error("55P03", "could not obtain lock on row in relation \"" + table.name() + "\"");
    }
}
