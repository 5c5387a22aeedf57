package org.tuskdb.sql.internal.plan;

import java.util.function.Consumer;
import org.tuskdb.api.DatabaseException;
import org.tuskdb.api.SqlState;
import org.tuskdb.api.heap.HeapAccess;
import org.tuskdb.api.heap.HeapTuple;
import org.tuskdb.api.heap.ModifyResult;
import org.tuskdb.api.heap.RowLockMode;
import org.tuskdb.api.heap.Tid;
import org.tuskdb.api.index.IndexAccess;
import org.tuskdb.api.xact.Transaction;
import org.tuskdb.sql.internal.analyze.OnConflictSpec;
import org.tuskdb.sql.internal.catalog.IndexDescriptor;
import org.tuskdb.sql.internal.catalog.TableDescriptor;
import org.tuskdb.sql.internal.expr.EvalContext;
import org.tuskdb.sql.internal.storage.IndexMaintenance;
import org.tuskdb.sql.internal.storage.StorageContext;
import org.tuskdb.sql.internal.value.Value;

/**
 * INSERT ... ON CONFLICT for one proposed row (PostgreSQL's ExecOnConflictUpdate and the
 * arbiter pre-check of ExecInsert): for each arbiter index whose key has no NULL,
 * {@code IndexAccess.findLive} (waiting for in-progress inserters like a unique check). A live
 * conflict means DO NOTHING skips the row; DO UPDATE locks the existing row (FOR UPDATE; a row
 * concurrently updated or deleted by a committed transaction makes it start over under READ
 * COMMITTED, 40001 under REPEATABLE READ), evaluates WHERE and SET over [existing, EXCLUDED],
 * updates it and indexes the new version. A row this very command inserted or updated is 21000.
 * Without a conflict the row is inserted normally; PostgreSQL's speculative insertion is not
 * there yet, so an inserter of the same key racing between the pre-check and the insert makes
 * it fail with 23505 instead of taking the conflict path.
 */
final class OnConflictAction {
    private OnConflictAction() {}

    /** What to do with the proposed row: insert it, or (done) the updated row / null when skipped. */
    record Outcome(Value[] row) {
        static final Outcome INSERT = new Outcome(null);
        static final Outcome SKIP = new Outcome(null);
    }

    static Outcome check(EvalContext ctx, StorageContext sc, TableDescriptor table, OnConflictSpec spec,
                         Value[] proposed, Consumer<Value[]> checkConstraints, java.util.Set<Long> touched) {
        return check(ctx, sc, table, spec, proposed, checkConstraints, touched, null);
    }

    /** @param onUpdate told (old row, new row) of each row DO UPDATE changed (the foreign key events), or null */
    static Outcome check(EvalContext ctx, StorageContext sc, TableDescriptor table, OnConflictSpec spec,
                         Value[] proposed, Consumer<Value[]> checkConstraints, java.util.Set<Long> touched,
                         java.util.function.BiConsumer<Value[], Value[]> onUpdate) {
        return check(ctx, sc, table, spec, proposed, checkConstraints, touched, onUpdate, null);
    }

    /**
     * @param beforeUpdate the BEFORE UPDATE row triggers: (old row, new row) to the new row to
     *                     store, or null to skip the update (then nothing is counted); null: none
     */
    static Outcome check(EvalContext ctx, StorageContext sc, TableDescriptor table, OnConflictSpec spec,
                         Value[] proposed, Consumer<Value[]> checkConstraints, java.util.Set<Long> touched,
                         java.util.function.BiConsumer<Value[], Value[]> onUpdate,
                         java.util.function.BinaryOperator<Value[]> beforeUpdate) {
        IndexAccess access = IndexMaintenance.requireIndexes(sc.services());
        HeapAccess heap = sc.heap();
        Transaction tx = sc.transaction();
        retry:
        while (true) {
            for (IndexDescriptor ix : spec.arbiters()) {
                if (!IndexMaintenance.covers(ix, proposed, ctx) || IndexMaintenance.hasNullKey(ix, proposed, ctx)) {
                    continue; // a partial index cannot conflict with a row it would not hold
                }
                Tid tid = access.findLive(ix.locator(), IndexMaintenance.key(ix, proposed, ctx),
                    IndexMaintenance.checker(sc, table, ix, proposed, ctx));
                if (tid == null) {
                    continue;
                }
                if (!spec.doUpdate()) {
                    checkVisible(heap, table, tid, sc, tx);
                    return Outcome.SKIP;
                }
                if (touched.contains(tid.pack())) {
                    throw secondTime(); // inserted or updated by this very command
                }
                ModifyResult r = heap.lockTuple(table.locator(), tid, RowLockMode.UPDATE, tx, true);
                switch (r.status()) {
                    case OK -> { }
                    case SELF_MODIFIED, INVISIBLE -> throw secondTime();
                    case UPDATED, DELETED -> {
                        if (tx.isolation().usesTransactionSnapshot()) {
                            throw SeqScanPlan.serializationFailure(false);
                        }
                        continue retry;
                    }
                    default -> throw DatabaseException.error(SqlState.INTERNAL_ERROR,
                        "unexpected result " + r.status() + " of ON CONFLICT's row lock");
                }
                checkVisible(heap, table, tid, sc, tx);
                HeapTuple existing = heap.fetchVersion(table.locator(), tid);
                int n = table.columns().size();
                Value[] both = new Value[2 * n];
                table.codec().decode(existing.data(), both, null);
                System.arraycopy(proposed, 0, both, n, n);
                if (!SeqScanPlan.passes(spec.where(), both, ctx)) {
                    return Outcome.SKIP; // the row stays locked, as in PostgreSQL
                }
                Value[] updated = new Value[n];
                for (int i = 0; i < n; i++) {
                    updated[i] = spec.newRow()[i].eval(both, ctx);
                }
                updated = ModifyTablePlan.withoutGenerated(table, updated);
                if (beforeUpdate != null) {
                    updated = beforeUpdate.apply(java.util.Arrays.copyOf(both, n), updated);
                    if (updated == null) {
                        return Outcome.SKIP;
                    }
                }
                updated = ModifyTablePlan.computeGenerated(table, updated, ctx);
                checkConstraints.accept(updated);
                Value[] before = java.util.Arrays.copyOf(both, n);
                ModifyResult u = heap.update(table.locator(), tid, table.codec().encode(updated), tx, true,
                    IndexMaintenance.hotAllowed(table, before, updated, ctx));
                if (u.status() == ModifyResult.Status.SELF_MODIFIED) {
                    throw secondTime();
                }
                if (u.status() != ModifyResult.Status.OK) {
                    continue retry;
                }
                if (!u.hot()) {
                    IndexMaintenance.insert(sc, table, updated, u.tid(), ctx);
                }
                touched.add(u.tid().pack());
                if (onUpdate != null) {
                    onUpdate.accept(java.util.Arrays.copyOf(both, n), updated);
                }
                return new Outcome(updated);
            }
            return Outcome.INSERT;
        }
    }

    /** REPEATABLE READ: the conflicting row must be visible to the transaction's snapshot (ExecCheckTupleVisible). */
    private static void checkVisible(HeapAccess heap, TableDescriptor table, Tid tid, StorageContext sc, Transaction tx) {
        if (tx.isolation().usesTransactionSnapshot() && heap.fetch(table.locator(), tid, sc.snapshot(), tx) == null) {
            throw SeqScanPlan.serializationFailure(false);
        }
    }

    private static DatabaseException secondTime() {
        return DatabaseException.error("21000", "ON CONFLICT DO UPDATE command cannot affect row a second time")
            .withHint("Ensure that no rows proposed for insertion within the same command have duplicate constrained "
                + "values.");
    }
}
