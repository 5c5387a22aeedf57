package org.tuskdb.sql.internal.plan;

import java.util.StringJoiner;
import org.tuskdb.api.DatabaseException;
import org.tuskdb.api.SqlState;
import org.tuskdb.api.heap.HeapAccess;
import org.tuskdb.api.heap.HeapTuple;
import org.tuskdb.api.heap.ModifyResult;
import org.tuskdb.api.heap.RowLockMode;
import org.tuskdb.api.heap.Tid;
import org.tuskdb.api.xact.Transaction;
import org.tuskdb.sql.internal.analyze.ModifyQuery;
import org.tuskdb.sql.internal.catalog.SystemColumns;
import org.tuskdb.sql.internal.catalog.TableDescriptor;
import org.tuskdb.sql.internal.expr.EvalContext;
import org.tuskdb.sql.internal.expr.Expression;
import org.tuskdb.sql.internal.storage.IndexMaintenance;
import org.tuskdb.sql.internal.storage.StorageContext;
import org.tuskdb.sql.internal.value.Value;

/**
 * INSERT, UPDATE, DELETE (PostgreSQL's ModifyTable). INSERT takes rows from its source (VALUES
 * or a query), UPDATE and DELETE from a sequential scan with the statement's snapshot. Every
 * change goes through HeapAccess with wait; a row a concurrent transaction updated is, under READ
 * COMMITTED, followed to its newest version, which is locked ({@link EvalPlanQual}), re-checked
 * against WHERE and changed there; under REPEATABLE READ / SERIALIZABLE it is 40001; one this command already
 * changed (SELF_MODIFIED) is skipped. Returns RETURNING rows, or none; {@link ModifyCursor#processed()}
 * counts the rows changed for the command tag.
 */
public final class ModifyTablePlan extends Plan {
    private final ModifyQuery.Kind kind;
    private final TableDescriptor table;
    private final Plan source;
    private final Plan scan;
    private final Expression[] projection;
    private final Expression where;
    private final Expression[] newRow;
    private final Expression[] returning;

    private final org.tuskdb.sql.internal.analyze.OnConflictSpec onConflict;
    /** UPDATE ... FROM / DELETE ... USING: where the target row's tid is in the join's rows, else -1. */
    private final int tidSlot;
    private final org.tuskdb.sql.internal.analyze.ForeignKeyGraph foreignKeys;
    /** Whether where and returning read the target's system column slots (catalog/SystemColumns). */
    private final boolean systemColumns;
    /** MERGE: its WHEN clauses in order, each row of the join going to the first that applies; else empty. */
    private final java.util.List<ModifyQuery.MergeClause> merge;
    /** Through an updatable view: WITH CHECK OPTION's conditions on each new row (44000); else empty. */
    private final java.util.List<ModifyQuery.ViewCheck> viewChecks;

    public ModifyTablePlan(ModifyQuery.Kind kind, TableDescriptor table, Plan source, Expression[] projection,
                           Expression where, Expression[] newRow, Expression[] returning) {
        this(kind, table, source, projection, where, newRow, returning, null);
    }

    public ModifyTablePlan(ModifyQuery.Kind kind, TableDescriptor table, Plan source, Expression[] projection,
                           Expression where, Expression[] newRow, Expression[] returning,
                           org.tuskdb.sql.internal.analyze.OnConflictSpec onConflict) {
        this(kind, table, source, kind == ModifyQuery.Kind.INSERT ? null : IndexPaths.scanForModify(table, where), -1,
            projection, where, newRow, returning, onConflict, org.tuskdb.sql.internal.analyze.ForeignKeyGraph.NONE,
            false, java.util.List.of(), java.util.List.of());
    }

    private ModifyTablePlan(ModifyQuery.Kind kind, TableDescriptor table, Plan source, Plan scan, int tidSlot,
                            Expression[] projection, Expression where, Expression[] newRow, Expression[] returning,
                            org.tuskdb.sql.internal.analyze.OnConflictSpec onConflict,
                            org.tuskdb.sql.internal.analyze.ForeignKeyGraph foreignKeys, boolean systemColumns,
                            java.util.List<ModifyQuery.MergeClause> merge,
                            java.util.List<ModifyQuery.ViewCheck> viewChecks) {
        this.merge = merge;
        this.viewChecks = viewChecks;
        this.onConflict = onConflict;
        this.systemColumns = systemColumns;
        this.kind = kind;
        this.table = table;
        this.source = kind == ModifyQuery.Kind.INSERT ? source : null;
        // a view changed through INSTEAD OF triggers: its rows come from its query, filtered by WHERE
        this.scan = table.view() == null || kind == ModifyQuery.Kind.INSERT ? scan
            : where == null ? new ViewScanPlan(table.view()) : new FilterPlan(new ViewScanPlan(table.view()), where);
        this.tidSlot = tidSlot;
        this.foreignKeys = foreignKeys;
        this.projection = projection;
        this.where = where;
        this.newRow = newRow;
        this.returning = returning;
    }

    /**
     * UPDATE ... FROM / DELETE ... USING over {@code joined}, whose wide rows hold the target's
     * columns first and its tid at {@code tidSlot}; where, newRow and returning read those rows.
     * A target row joined to several rows is changed once (the later ones find it SELF_MODIFIED),
     * as in PostgreSQL, which changes it with an arbitrary one of them.
     */
    public static ModifyTablePlan joined(ModifyQuery.Kind kind, TableDescriptor table, Plan joined, int tidSlot,
                                         Expression where, Expression[] newRow, Expression[] returning) {
        return new ModifyTablePlan(kind, table, null, joined, tidSlot, null, where, newRow, returning, null,
            org.tuskdb.sql.internal.analyze.ForeignKeyGraph.NONE, false, java.util.List.of(), java.util.List.of());
    }

    /**
     * MERGE over {@code joined} (the target's columns and tid first, null in a source row no target
     * row matched): each row takes the first of {@code clauses} for its side whose condition holds,
     * and is updated, deleted or inserted as UPDATE ... FROM, DELETE ... USING and INSERT do it;
     * {@code on} is re-checked on a concurrently updated target row (EvalPlanQual), {@code updated}
     * holds the columns any UPDATE clause assigns (for UPDATE OF triggers and generated columns).
     */
    public static ModifyTablePlan merge(TableDescriptor table, Plan joined, int tidSlot, Expression on,
                                        Expression[] updated, java.util.List<ModifyQuery.MergeClause> clauses) {
        return new ModifyTablePlan(ModifyQuery.Kind.MERGE, table, null, joined, tidSlot, null, on, updated, null, null,
            org.tuskdb.sql.internal.analyze.ForeignKeyGraph.NONE, false, java.util.List.copyOf(clauses), java.util.List.of());
    }

    /** The same plan enforcing {@code keys} (the statement's FOREIGN KEYs, see {@link ForeignKeyChecks}). */
    public ModifyTablePlan withForeignKeys(org.tuskdb.sql.internal.analyze.ForeignKeyGraph keys) {
        return new ModifyTablePlan(kind, table, source, scan, tidSlot, projection, where, newRow, returning, onConflict,
            keys, systemColumns, merge, viewChecks);
    }

    /**
     * The same plan whose rows carry the target's system column slots: UPDATE / DELETE's own scan
     * fills them, RETURNING sees those of the version it made (or deleted).
     */
    public ModifyTablePlan withSystemColumns(boolean system) {
        Plan s = tidSlot < 0 && kind != ModifyQuery.Kind.INSERT
            ? IndexPaths.scanForModify(table, where, system ? SystemColumns.allUsed(table) : null) : scan;
        return new ModifyTablePlan(kind, table, source, s, tidSlot, projection, where, newRow, returning, onConflict,
            foreignKeys, system, merge, viewChecks);
    }

    /** The same plan checking {@code checks} on each row it inserts or updates (a view's WITH CHECK OPTION). */
    public ModifyTablePlan withViewChecks(java.util.List<ModifyQuery.ViewCheck> checks) {
        return new ModifyTablePlan(kind, table, source, scan, tidSlot, projection, where, newRow, returning, onConflict,
            foreignKeys, systemColumns, merge, java.util.List.copyOf(checks));
    }

    public ModifyQuery.Kind kind() { return kind; }

    /**
     * The columns UPDATE's SET list assigns: those whose new value is not the old column itself, and
     * the stored generated columns that read one of them.
     */
    private boolean[] updatedColumns() {
        boolean[] out = new boolean[table.columns().size()];
        for (int i = 0; i < out.length && i < newRow.length; i++) {
            out[i] = !(newRow[i] instanceof org.tuskdb.sql.internal.expr.ColumnVar v && v.index() == i);
        }
        if (table.generated() != null) {
            // a BEFORE ROW UPDATE trigger may change any column a generated one reads (PostgreSQL then
            // counts every generated column as updated)
            boolean before = !table.triggers().isEmpty() && table.triggers().firing(
                org.tuskdb.sql.internal.catalog.TriggerSet.BEFORE, org.tuskdb.sql.internal.catalog.Trigger.UPDATE,
                true).length > 0;
            boolean[] assigned = out.clone();
            for (int i = 0; i < out.length; i++) {
                out[i] |= table.isGenerated(i) && (before || table.generated()[i].updatedBy(assigned));
            }
        }
        return out;
    }

    @Override
    public ModifyCursor open(EvalContext ctx) {
        StorageContext sc = ctx.storage();
        Transaction tx = sc.transaction();
        if (tx.readOnly()) {
            throw DatabaseException.error("25006", "cannot execute " + kind + " in a read-only transaction");
        }
        return new ModifyCursor(ctx, sc, tx);
    }

    /** COPY's batch bounds (PostgreSQL's MAX_BUFFERED_TUPLES and MAX_BUFFERED_BYTES). */
    static final int BATCH_ROWS = 1000;
    static final int BATCH_BYTES = 64 * 1024;

    /** A column of the COPY row, a constant, a cast of one, or a function that is not volatile (nextval is). */
    private static boolean bulkSafe(Expression e) {
        return switch (e) {
            case org.tuskdb.sql.internal.expr.ColumnVar v -> true;
            case org.tuskdb.sql.internal.expr.Const c -> true;
            case org.tuskdb.sql.internal.expr.CastExpr c -> bulkSafe(c.arg());
            case org.tuskdb.sql.internal.expr.FuncExpr f -> {
                if (f.function().volatility() == 'v' && !f.function().name().equals("nextval")) {
                    yield false;
                }
                for (Expression a : f.args()) {
                    if (!bulkSafe(a)) {
                        yield false;
                    }
                }
                yield true;
            }
            default -> false;
        };
    }

    /** A running modification; rows are RETURNING's (none without RETURNING). */
    public final class ModifyCursor implements RowCursor {
        private final EvalContext ctx;
        private final StorageContext sc;
        private final HeapAccess heap;
        private final Transaction tx;
        private RowCursor input;
        private long processed;
        /** ON CONFLICT DO UPDATE: the row versions this command made (a second hit on one is 21000). */
        private final java.util.Set<Long> touched = new java.util.HashSet<>();
        /** The statement's FOREIGN KEY events, run when the last row is done; null without keys. */
        private final ForeignKeyChecks keys;
        private boolean keysRun;
        /**
         * COPY FROM into a table nothing else must see row by row (see {@link #bulk}): its rows
         * go to the heap in batches through insertAll, one WAL record per page; else null.
         */
        private final byte[][] batch;
        private int batchCount;
        private int batchBytes;
        /** The table's user triggers for this statement, or null when it has none. */
        private final TriggerFiring triggers;

        ModifyCursor(EvalContext ctx, StorageContext sc, Transaction tx) {
            this.ctx = ctx;
            this.sc = sc;
            this.heap = sc.heap();
            this.tx = tx;
            this.keys = foreignKeys.isEmpty() ? null : new ForeignKeyChecks(foreignKeys, ctx, sc);
            this.triggers = TriggerFiring.of(table, ctx,
                kind == ModifyQuery.Kind.UPDATE || kind == ModifyQuery.Kind.MERGE ? updatedColumns() : null);
            this.batch = bulk() ? new byte[BATCH_ROWS][] : null;
        }

        /**
         * PostgreSQL's CopyFrom multi-insert conditions, stricter: COPY FROM, no index (index
         * entries and their unique checks would come after the batch, away from the line they
         * belong to), no FOREIGN KEY, ON CONFLICT or RETURNING, and no volatile default other
         * than nextval (it could read the table and miss the rows still in the batch).
         */
        private boolean bulk() {
            if (!(source instanceof CopyFromPlan) || kind != ModifyQuery.Kind.INSERT || returning != null
                    || onConflict != null || keys != null || systemColumns || !table.indexes().isEmpty()
                    || triggers != null) {
                return false;
            }
            if (projection != null) {
                for (Expression e : projection) {
                    if (!bulkSafe(e)) {
                        return false;
                    }
                }
            }
            return true;
        }

        /** Sends the rows of the batch to the heap (before the statement ends or the batch overflows). */
        private void flushBatch() {
            if (batchCount > 0) {
                heap.insertAll(table.locator(), batch, batchCount, tx);
                java.util.Arrays.fill(batch, 0, batchCount, null);
                batchCount = 0;
                batchBytes = 0;
            }
        }

        public long processed() {
            return processed;
        }

        /** The statement's kind (its command tag). */
        public ModifyQuery.Kind kind() {
            return kind;
        }

        @Override
        public Value[] next() {
            if (input == null) {
                if (triggers != null && kind == ModifyQuery.Kind.MERGE) {
                    // ExecBSMergeTriggers: each kind of action the WHEN clauses name, INSERT first
                    for (ModifyQuery.Kind k : new ModifyQuery.Kind[] {ModifyQuery.Kind.INSERT, ModifyQuery.Kind.UPDATE,
                            ModifyQuery.Kind.DELETE}) {
                        if (mergeDoes(k)) {
                            triggers.beforeStatement(event(k));
                        }
                    }
                } else if (triggers != null) {
                    triggers.beforeStatement(event());
                    if (onConflict != null && onConflict.doUpdate()) {
                        triggers.beforeStatement(org.tuskdb.sql.internal.catalog.Trigger.UPDATE);
                    }
                }
                input = kind == ModifyQuery.Kind.INSERT ? source.open(ctx) : scan.open(ctx);
            }
            Value[] row;
            while ((row = input.next()) != null) {
                Value[] result = table.view() != null ? instead(row) : switch (kind) {
                    case INSERT -> insert(row);
                    case UPDATE -> table.partitioned() ? throughLeaf(row, null) : update(tidOf(row), row);
                    case DELETE -> table.partitioned() ? throughLeaf(row, null) : delete(tidOf(row), row);
                    case MERGE -> merge(row);
                };
                ctx.checkForInterrupts();
                if (result != null && returning != null) {
                    return project(returning, systemColumns ? SystemColumns.pad(table, result) : result);
                }
            }
            flushBatch();
            finishLeaves();
            if (keys != null && !keysRun) {
                keysRun = true;
                keys.run(); // the RI triggers fire after the statement's last row
            }
            if (triggers != null && !triggersRun) {
                triggersRun = true;
                if (kind == ModifyQuery.Kind.MERGE) {
                    // ExecASMergeTriggers: the other way round, DELETE first
                    for (ModifyQuery.Kind k : new ModifyQuery.Kind[] {ModifyQuery.Kind.DELETE, ModifyQuery.Kind.UPDATE,
                            ModifyQuery.Kind.INSERT}) {
                        if (mergeDoes(k)) {
                            triggers.afterStatement(event(k));
                        }
                    }
                } else {
                    if (onConflict != null && onConflict.doUpdate()) {
                        triggers.afterStatement(org.tuskdb.sql.internal.catalog.Trigger.UPDATE);
                    }
                    triggers.afterStatement(event());
                }
                triggers.runAfter();
            }
            return null;
        }

        private boolean triggersRun;

        /**
         * A statement on a partitioned table: the cursor of each leaf partition it changes, by oid
         * (INSERT's rows go to their leaves' INSERT cursors, UPDATE / DELETE / MERGE's to the
         * cursors of the leaves that hold them, of this statement's kind).
         */
        private final java.util.Map<Long, ModifyCursor> leafCursors = new java.util.LinkedHashMap<>();
        /** UPDATE through a partitioned table: the INSERT cursors of the leaves rows moved into, by oid. */
        private final java.util.Map<Long, ModifyCursor> movedInto = new java.util.LinkedHashMap<>();
        /**
         * A leaf's cursor of UPDATE / DELETE / MERGE through a partitioned table: that table's
         * cursor, which takes the rows an UPDATE moves out of the leaf (row movement); else null.
         */
        private ModifyCursor root;

        /** The leaves' end of statement: their after-row triggers (statement triggers are the parent's). */
        private void finishLeaves() {
            for (java.util.Map<Long, ModifyCursor> m : java.util.List.of(leafCursors, movedInto)) {
                for (ModifyCursor c : m.values()) {
                    if (c.keys != null) {
                        c.keys.run();
                    }
                    if (c.triggers != null) {
                        c.triggers.runAfter();
                    }
                }
                m.clear();
            }
        }

        /**
         * UPDATE / DELETE (or MERGE's {@code clause}) of a row read through a partitioned table: done
         * by the cursor of the leaf holding it (PostgreSQL's per-leaf result relations), whose row
         * triggers, constraints and indexes apply; the parent counts it.
         */
        private Value[] throughLeaf(Value[] row, ModifyQuery.MergeClause clause) {
            TableDescriptor leaf = tidSlot < 0 ? ((TidCursor) input).leaf() : ((RowTid) row[tidSlot]).leaf();
            ModifyCursor c = leafCursors.computeIfAbsent(leaf.oid(), k -> {
                ModifyCursor lc = new ModifyTablePlan(kind, leaf, null, null, tidSlot, null, where, newRow, returning, null,
                    org.tuskdb.sql.internal.analyze.ForeignKeyGraph.NONE, systemColumns, merge, viewChecks)
                    .new ModifyCursor(ctx, sc, tx);
                lc.root = this;
                return lc;
            });
            Tid tid = tidOf(row);
            long before = c.processed;
            Value[] out = switch (clause == null ? kind : clause.action()) {
                case UPDATE -> c.update(tid, row, clause == null ? newRow : clause.row());
                case DELETE -> c.delete(tid, row);
                default -> throw new IllegalStateException(kind.toString());
            };
            processed += c.processed - before;
            return out;
        }

        /**
         * Row movement (ExecCrossPartitionUpdate): the new version of a row an UPDATE through this
         * partitioned table moved out of its leaf, inserted where routing from this table puts it
         * (into the leaf's INSERT cursor, whose BEFORE / AFTER INSERT row triggers fire). When this
         * table is itself a partition, the row must stay inside it (ExecFindPartition's check).
         */
        private Value[] moveIn(Value[] row) {
            if (table.partitioning().isPartition() && !table.partitioning().satisfies(row)) {
                throw partitionViolation(table, row, ctx);
            }
            TableDescriptor leaf = org.tuskdb.sql.internal.catalog.Partitioning.route(table, row, ctx.style());
            ModifyCursor c = movedInto.computeIfAbsent(leaf.oid(), k -> new ModifyTablePlan(
                ModifyQuery.Kind.INSERT, leaf, null, null, null, null, null, null).withSystemColumns(systemColumns)
                .new ModifyCursor(ctx, sc, tx));
            return c.insertRow(row);
        }

        /**
         * ON CONFLICT through a partitioned table, for the leaf a row goes to: the leaf's indexes
         * defined as the parent's arbiters are (each partition has its own copy of them; the
         * parent's own index holds no entry).
         */
        private org.tuskdb.sql.internal.analyze.OnConflictSpec leafOnConflict(TableDescriptor leaf) {
            if (onConflict == null) {
                return null;
            }
            java.util.List<org.tuskdb.sql.internal.catalog.IndexDescriptor> arbiters = new java.util.ArrayList<>();
            for (org.tuskdb.sql.internal.catalog.IndexDescriptor ix : onConflict.arbiters()) {
                org.tuskdb.sql.internal.catalog.IndexDescriptor own =
                    org.tuskdb.sql.internal.catalog.Partitioning.matchingIndex(ix, leaf);
                if (own != null) {
                    arbiters.add(own);
                }
            }
            return new org.tuskdb.sql.internal.analyze.OnConflictSpec(java.util.List.copyOf(arbiters),
                onConflict.newRow(), onConflict.where());
        }

        /** The statement's trigger event (Trigger.INSERT / UPDATE / DELETE). */
        private int event() {
            return event(kind);
        }

        private static int event(ModifyQuery.Kind k) {
            return switch (k) {
                case INSERT -> org.tuskdb.sql.internal.catalog.Trigger.INSERT;
                case UPDATE -> org.tuskdb.sql.internal.catalog.Trigger.UPDATE;
                case DELETE -> org.tuskdb.sql.internal.catalog.Trigger.DELETE;
                case MERGE -> throw new IllegalStateException("MERGE fires the events of its actions");
            };
        }

        /** Whether one of MERGE's WHEN clauses does {@code k}. */
        private boolean mergeDoes(ModifyQuery.Kind k) {
            for (ModifyQuery.MergeClause c : merge) {
                if (c.action() == k) {
                    return true;
                }
            }
            return false;
        }

        /**
         * One row of MERGE's join: matched when it carries a target tid. The first clause of its
         * side whose condition holds acts (none, or DO NOTHING: the row is left as it is). A target
         * row this command already changed is 21000 (see {@link #modify}).
         */
        private Value[] merge(Value[] row) {
            boolean matched = row[tidSlot] != null;
            for (ModifyQuery.MergeClause c : merge) {
                if (c.matched() != matched || !SeqScanPlan.passes(c.condition(), row, ctx)) {
                    continue;
                }
                if (c.action() == null) {
                    return null;
                }
                return switch (c.action()) {
                    case UPDATE -> table.partitioned() ? throughLeaf(row, c) : update(tidOf(row), row, c.row());
                    case DELETE -> table.partitioned() ? throughLeaf(row, c) : delete(tidOf(row), row);
                    case INSERT -> insertRow(project(c.row(), row));
                    default -> throw new IllegalStateException(c.action().toString());
                };
            }
            return null;
        }

        /** The target's columns in the row UPDATE read (the join's row holds them first). */
        private Value[] target(Value[] row) {
            int n = table.columns().size();
            return row.length == n ? row : java.util.Arrays.copyOf(row, n);
        }

        /** A view's row: INSERT, UPDATE or DELETE through its INSTEAD OF triggers. */
        private Value[] instead(Value[] row) {
            Value[] result = switch (kind) {
                case INSERT -> triggers.instead(event(), null, projection != null ? project(projection, row) : row);
                case UPDATE -> triggers.instead(event(), target(row), project(newRow, row));
                case DELETE -> triggers.instead(event(), target(row), null);
                case MERGE -> throw new IllegalStateException("MERGE on a view is refused by the analyzer");
            };
            if (result != null) {
                processed++;
            }
            return result;
        }

        private Tid tidOf(Value[] row) {
            return tidSlot < 0 ? ((TidCursor) input).tid() : ((RowTid) row[tidSlot]).tid();
        }

        /** The join's row with the target's columns replaced by {@code target} (a new array). */
        private Value[] withTarget(Value[] wide, Value[] target) {
            Value[] out = wide.clone();
            System.arraycopy(target, 0, out, 0, target.length);
            return out;
        }

        private Value[] project(Expression[] exprs, Value[] row) {
            Value[] out = new Value[exprs.length];
            for (int i = 0; i < exprs.length; i++) {
                out[i] = exprs[i].eval(row, ctx);
            }
            return out;
        }

        private Value[] insert(Value[] row) {
            return insertRow(projection != null ? project(projection, row) : row);
        }

        /** Inserts one row of the table's columns (INSERT's projected row, MERGE's INSERT's). */
        private Value[] insertRow(Value[] row) {
            if (triggers != null) {
                row = triggers.beforeInsert(row);
                if (row == null) {
                    return null; // a BEFORE trigger skipped it
                }
            }
            row = computeGenerated(table, row, ctx);
            if (!table.partitioned()) {
                // through a partitioned table the leaf checks them (ExecInsert's ExecConstraints on
                // the leaf's result relation): its copies of the parent's, errors naming the leaf
                checkConstraints(row);
            }
            if (table.partitioned()) {
                // ExecFindPartition: the row goes to its leaf, whose own constraints, indexes and row triggers apply
                TableDescriptor leaf = org.tuskdb.sql.internal.catalog.Partitioning.route(table, row, ctx.style());
                ModifyCursor c = leafCursors.computeIfAbsent(leaf.oid(), k -> new ModifyTablePlan(
                    ModifyQuery.Kind.INSERT, leaf, null, null, null, null, returning, leafOnConflict(leaf))
                    .withSystemColumns(systemColumns).new ModifyCursor(ctx, sc, tx));
                long before = c.processed;
                Value[] out = c.insertRow(row);
                processed += c.processed - before;
                return out;
            }
            if (table.partitioning() != null && table.partitioning().isPartition()
                && !table.partitioning().satisfies(row)) {
                throw partitionViolation(table, row, ctx);
            }
            if (onConflict != null) {
                java.util.function.BiConsumer<Value[], Value[]> updated = keys == null && triggers == null ? null
                    : (old, nw) -> {
                        if (keys != null) {
                            keys.updated(table, old, nw, null);
                        }
                        if (triggers != null) {
                            triggers.afterUpdate(old, nw);
                        }
                    };
                OnConflictAction.Outcome o = OnConflictAction.check(ctx, sc, table, onConflict, row, this::checkConstraints,
                    touched, updated, triggers == null ? null : triggers::beforeUpdate);
                if (o != OnConflictAction.Outcome.INSERT) {
                    if (o.row() != null) {
                        processed++;
                    }
                    return systemColumns && o.row() != null ? SystemColumns.withTableOid(table, o.row()) : o.row();
                }
            }
            byte[] tuple = table.codec().encode(row);
            if (batch != null && tuple.length <= heap.maxTupleSize()) {
                // a row too big goes alone, so that its 54000 names its own line
                batch[batchCount++] = tuple;
                batchBytes += tuple.length;
                if (batchCount == BATCH_ROWS || batchBytes >= BATCH_BYTES) {
                    flushBatch();
                }
                processed++;
                return row;
            }
            flushBatch();
            Tid tid = heap.insert(table.locator(), tuple, tx);
            IndexMaintenance.insert(sc, table, row, tid, ctx);
            checkViewOptions(row);
            if (keys != null) {
                keys.inserted(table, row);
            }
            if (triggers != null) {
                triggers.afterInsert(row);
            }
            if (onConflict != null && onConflict.doUpdate()) {
                touched.add(tid.pack());
            }
            processed++;
            return systemColumns ? SystemColumns.with(table, row, tid, tx.xid(), 0) : row;
        }

        private Value[] update(Tid tid, Value[] old) {
            return update(tid, old, newRow);
        }

        /** ... to the new row {@code assigned} computes from the old one (MERGE's UPDATE clauses have their own). */
        private Value[] update(Tid tid, Value[] old, Expression[] assigned) {
            return modify(tid, old, RowLockMode.NO_KEY_UPDATE, (t, row) -> {
                Value[] nw = withoutGenerated(table, project(assigned, row));
                if (triggers != null) {
                    ModifyResult locked = lockForTriggers(t, org.tuskdb.sql.internal.catalog.Trigger.UPDATE,
                        RowLockMode.NO_KEY_UPDATE);
                    if (locked != null) {
                        return new Attempt(locked, null); // a concurrent change: EvalPlanQual, then the triggers
                    }
                    nw = triggers.beforeUpdate(target(row), nw);
                    if (nw == null) {
                        return new Attempt(null, null); // a BEFORE trigger skipped it
                    }
                }
                nw = computeGenerated(table, nw, ctx);
                if (table.partitioning() != null && table.partitioning().isPartition()
                    && !table.partitioning().satisfies(nw)) {
                    // ExecUpdateAct: the partition constraint first; through the parent the row moves
                    if (root == null) {
                        throw partitionViolation(table, nw, ctx);
                    }
                    return move(t, row, nw);
                }
                checkConstraints(nw);
                ModifyResult r = heap.update(table.locator(), t, table.codec().encode(nw), tx, true,
                    IndexMaintenance.hotAllowed(table, row, nw, ctx));
                if (r.status() == ModifyResult.Status.OK) {
                    if (!r.hot()) {
                        IndexMaintenance.insert(sc, table, nw, r.tid(), ctx); // a HOT version is reached through its root's entries
                    }
                    checkViewOptions(nw);
                    if (keys != null) {
                        keys.updated(table, row, nw, null);
                    }
                    if (triggers != null) {
                        triggers.afterUpdate(target(row), nw);
                    }
                }
                Value[] ret = tidSlot < 0 || returning == null ? nw : withTarget(row, nw);
                if (systemColumns && r.status() == ModifyResult.Status.OK) {
                    ret = SystemColumns.with(table, ret, r.tid(), tx.xid(), 0);
                }
                return new Attempt(r, ret);
            });
        }

        /**
         * The rest of an UPDATE whose new row {@code nw} left this leaf: the old version is deleted
         * here (the leaf's BEFORE / AFTER DELETE row triggers fire, as PostgreSQL documents), the
         * new one routed from the table the statement names ({@link #moveIn}). A concurrent change
         * of the old version sends it through EvalPlanQual as for any UPDATE.
         */
        private Attempt move(Tid t, Value[] row, Value[] nw) {
            Attempt stop = beforeDelete(t, row);
            if (stop != null) {
                return stop;
            }
            ModifyResult r = heap.delete(table.locator(), t, tx, true);
            if (r.status() != ModifyResult.Status.OK) {
                return new Attempt(r, null);
            }
            if (triggers != null) {
                triggers.afterDelete(target(row));
            }
            Value[] inserted = root.moveIn(nw);
            return new Attempt(r, tidSlot < 0 || returning == null ? inserted : withTarget(row, inserted));
        }

        /**
         * The BEFORE DELETE row triggers on the version at {@code t} (locked first): null to go on,
         * else the attempt that sends the row through EvalPlanQual or skips it (a trigger said NULL).
         */
        private Attempt beforeDelete(Tid t, Value[] row) {
            if (triggers == null) {
                return null;
            }
            ModifyResult locked = lockForTriggers(t, org.tuskdb.sql.internal.catalog.Trigger.DELETE, RowLockMode.UPDATE);
            if (locked != null) {
                return new Attempt(locked, null);
            }
            return triggers.beforeDelete(target(row)) ? null : new Attempt(null, null);
        }

        private Value[] delete(Tid tid, Value[] old) {
            return modify(tid, old, RowLockMode.UPDATE, (t, row) -> {
                Attempt stop = beforeDelete(t, row);
                if (stop != null) {
                    return stop;
                }
                ModifyResult r = heap.delete(table.locator(), t, tx, true);
                if (r.status() == ModifyResult.Status.OK && keys != null) {
                    keys.deleted(table, row);
                }
                if (r.status() == ModifyResult.Status.OK && triggers != null) {
                    triggers.afterDelete(target(row));
                }
                return new Attempt(r, row);
            });
        }

        /**
         * GetTupleForTrigger: before BEFORE ROW triggers see a row, it is locked (waiting for a
         * concurrent writer), so that they fire once, on the version the change then applies to, and
         * not again when EvalPlanQual moves to a newer one. Null when locked (or no BEFORE trigger),
         * else the result that sends the row through EvalPlanQual or skips it.
         */
        private ModifyResult lockForTriggers(Tid tid, int event, RowLockMode mode) {
            if (!triggers.hasBeforeRow(event)) {
                return null;
            }
            ModifyResult r = heap.lockTuple(table.locator(), tid, mode, tx, true);
            return r.status() == ModifyResult.Status.OK ? null : r;
        }

        /** One try of the heap operation on a version, and the row it returns when it succeeds. */
        private record Attempt(ModifyResult result, Value[] row) {
        }

        /**
         * Runs the heap operation on the row version at {@code tid}; when a concurrent writer got
         * there first, follows the row to its newest version (EvalPlanQual), re-checks WHERE on it
         * and tries again. Returns the row RETURNING sees, or null when the row is skipped.
         */
        private Value[] modify(Tid tid, Value[] old, RowLockMode lockMode,
                               java.util.function.BiFunction<Tid, Value[], Attempt> operation) {
            while (true) {
                Attempt a = operation.apply(tid, old);
                if (a.result() == null) {
                    return null; // skipped by a BEFORE trigger
                }
                switch (a.result().status()) {
                    case OK -> {
                        processed++;
                        return a.row();
                    }
                    case SELF_MODIFIED -> {
                        if (kind == ModifyQuery.Kind.MERGE) {
                            // two source rows matched this target row (PostgreSQL checks the same way)
                            throw DatabaseException.error(SqlState.CARDINALITY_VIOLATION,
                                "MERGE command cannot affect row a second time")
                                .withHint("Ensure that not more than one source row matches any one target row.");
                        }
                        return null;
                    }
                    default -> {
                        HeapTuple latest = recheck(a.result(), lockMode);
                        if (latest == null) {
                            return null;
                        }
                        Value[] latestRow = table.codec().decode(latest.data());
                        if (systemColumns) {
                            latestRow = SystemColumns.with(table, latestRow, latest.tid(), latest.xmin(), latest.xmax());
                        }
                        // a join's row keeps the other relations' values (EvalPlanQual re-uses them)
                        old = tidSlot < 0 ? latestRow : withTarget(old, latestRow);
                        if (!SeqScanPlan.passes(where, old, ctx)) {
                            return null;
                        }
                        tid = latest.tid();
                    }
                }
            }
        }

        /**
         * UPDATED / DELETED / INVISIBLE: under READ COMMITTED the newest version, locked by this
         * transaction, to re-check and retry on (EvalPlanQual); null to skip the row; or an error.
         */
        private HeapTuple recheck(ModifyResult r, RowLockMode lockMode) {
            switch (r.status()) {
                case UPDATED -> {
                    if (tx.isolation().usesTransactionSnapshot()) {
                        throw SeqScanPlan.serializationFailure(false);
                    }
                    if (r.tid() == null) {
                        return null;
                    }
                    return EvalPlanQual.lockNewest(heap, table.locator(), r.tid(), lockMode, tx,
                        kind == ModifyQuery.Kind.UPDATE ? "update" : "delete");
                }
                case DELETED -> {
                    if (tx.isolation().usesTransactionSnapshot()) {
                        throw SeqScanPlan.serializationFailure(true);
                    }
                    return null;
                }
                case INVISIBLE -> throw DatabaseException.error(SqlState.INTERNAL_ERROR,
                    "attempted to " + (kind == ModifyQuery.Kind.UPDATE ? "update" : "delete") + " invisible tuple");
                default -> throw DatabaseException.error(SqlState.INTERNAL_ERROR,
                    "unexpected result " + r.status() + " of a waiting " + kind);
            }
        }

        private void checkConstraints(Value[] row) {
            ModifyTablePlan.checkConstraints(table, row, ctx);
        }

        /**
         * ExecWithCheckOptions for WCO_VIEW_CHECK: after the row is stored (so the table's own
         * constraints and unique indexes speak first), each condition must be true (NULL fails).
         */
        private void checkViewOptions(Value[] row) {
            for (ModifyQuery.ViewCheck c : viewChecks) {
                if (!(c.condition().eval(row, ctx) instanceof org.tuskdb.sql.internal.value.BoolValue b && b.value())) {
                    throw DatabaseException.error("44000", "new row violates check option for view \"" + c.view() + "\"")
                        .withDetail(failingRow(table, row, ctx));
                }
            }
        }
    }

    /**
     * ExecComputeStoredGenerated: the row with its stored generated columns computed from its
     * other columns (after the BEFORE ROW triggers, before the constraints, as PostgreSQL does);
     * the row itself when the table has none.
     */
    public static Value[] computeGenerated(TableDescriptor table, Value[] row, EvalContext ctx) {
        org.tuskdb.sql.internal.catalog.GeneratedColumn[] generated = table.generated();
        if (generated == null) {
            return row;
        }
        Value[] out = row.clone();
        for (int i = 0; i < generated.length; i++) {
            if (generated[i] != null) {
                out[i] = generated[i].expr().eval(row, ctx);
            }
        }
        return out;
    }

    /**
     * The new row of an UPDATE with NULL in its stored generated columns, as BEFORE ROW triggers see
     * it before {@link #computeGenerated} (whatever SET assigned them: only DEFAULT may be); the row
     * itself when the table has none.
     */
    public static Value[] withoutGenerated(TableDescriptor table, Value[] row) {
        if (table.generated() == null) {
            return row;
        }
        for (int i = 0; i < row.length; i++) {
            if (table.isGenerated(i)) {
                row[i] = null;
            }
        }
        return row;
    }

    /** ExecConstraints: NOT NULL (23502) first, then the CHECK constraints in name order (23514). */
    static void checkConstraints(TableDescriptor table, Value[] row, EvalContext ctx) {
        boolean[] notNull = table.notNull();
        for (int i = 0; i < row.length; i++) {
            if (row[i] == null && notNull[i]) {
                throw DatabaseException.error("23502", "null value in column \"" + table.columns().get(i).name()
                    + "\" of relation \"" + table.name() + "\" violates not-null constraint")
                    .withDetail(failingRow(table, row, ctx)).withColumn(table.schema(), table.name(), table.columns().get(i).name());
            }
        }
        for (org.tuskdb.sql.internal.catalog.CheckConstraint c : table.checks()) {
            if (c.expr().eval(row, ctx) instanceof org.tuskdb.sql.internal.value.BoolValue b && !b.value()) {
                throw DatabaseException.error("23514", "new row for relation \"" + table.name()
                    + "\" violates check constraint \"" + c.name() + "\"").withDetail(failingRow(table, row, ctx))
                    .withConstraint(table.schema(), table.name(), c.name());
            }
        }
    }

    /** ExecPartitionCheckEmitError: 23514 naming the partition whose constraint {@code row} breaks. */
    private static DatabaseException partitionViolation(TableDescriptor table, Value[] row, EvalContext ctx) {
        return DatabaseException.error("23514", "new row for relation \"" + table.name()
            + "\" violates partition constraint").withDetail(failingRow(table, row, ctx)).withTable(table.schema(), table.name());
    }

    /**
     * ExecBuildSlotValueDescription: the row's values, or — for a user without SELECT on the table —
     * only those of the columns it may select, named ({@code (a, b) = (1, x)}); no DETAIL (null) when
     * it may select none.
     */
    private static String failingRow(TableDescriptor table, Value[] row, EvalContext ctx) {
        boolean[] visible = org.tuskdb.sql.internal.catalog.Privileges.selectableColumns(ctx, table.oid(),
            table.columns().size(), table::attnum);
        StringJoiner names = new StringJoiner(", ", "(", ") = ");
        StringJoiner j = new StringJoiner(", ", "(", ").");
        boolean any = false;
        for (int i = 0; i < row.length; i++) {
            if (visible != null && (i >= visible.length || !visible[i])) {
                continue;
            }
            any = true;
            if (visible != null) {
                names.add(table.columns().get(i).name());
            }
            Value v = row[i];
            j.add(v == null ? "null" : v.toText(ctx.style()));
        }
        if (!any) {
            return null;
        }
        return "Failing row contains " + (visible != null ? names.toString() : "") + j;
    }

    // ---- EXPLAIN and the cost model read these (plan/explain, CostModel) ----

    public TableDescriptor explainTable() { return table; }
    /** INSERT's source, or UPDATE / DELETE's own scan of the table. */
    public Plan explainInput() { return source != null ? source : scan; }
}
