package org.tuskdb.sql.internal.storage;

import java.util.List;
import java.util.StringJoiner;
import org.tuskdb.api.DatabaseException;
import org.tuskdb.api.SqlState;
import org.tuskdb.api.heap.HeapAccess;
import org.tuskdb.api.heap.HeapTuple;
import org.tuskdb.api.heap.Tid;
import org.tuskdb.api.index.IndexAccess;
import org.tuskdb.api.index.UniqueCheck;
import org.tuskdb.api.index.UniqueChecker;
import org.tuskdb.api.xact.Snapshot;
import org.tuskdb.api.xact.Transaction;
import org.tuskdb.api.xact.TransactionManager;
import org.tuskdb.api.xact.XidStatus;
import org.tuskdb.sql.internal.catalog.IndexDescriptor;
import org.tuskdb.sql.internal.catalog.Relation;
import org.tuskdb.sql.internal.expr.EvalContext;
import org.tuskdb.sql.internal.catalog.TableDescriptor;
import org.tuskdb.sql.internal.value.SessionStyle;
import org.tuskdb.sql.internal.value.Value;

/**
 * Index maintenance (PostgreSQL's ExecInsertIndexTuples) and the unique check's heap side
 * (_bt_check_unique's SnapshotDirty look at the heap). Every new heap tuple version — INSERT
 * and every UPDATE that is not HOT ({@link #hotAllowed}: a HOT version is reached through the
 * entries of its chain's root) — gets one entry in every index of its table, right after
 * the heap insert, before the next row (a partial index: only when its predicate is true for
 * the new version). A key column is a column's value or an expression (immutable, so the same
 * row always gives the same key) evaluated over the new row. A unique index checks the key
 * unless one of its columns is NULL (NULLs never conflict).
 *
 * <p>The liveness of an existing entry's tuple: inserted by an aborted transaction, or deleted
 * by a committed one or by us: DEAD; inserted by another transaction still running, or deleted
 * by one: IN_PROGRESS (the B-tree releases its locks, we wait on that transaction's xid lock
 * like a row-lock wait — lock_timeout and cancel apply — and it looks again); else LIVE (our
 * own insert, even of this very command, is LIVE: two equal keys in one INSERT conflict). A row
 * only locked (FOR UPDATE) by a running transaction cannot be told from one it deletes through
 * the heap api, so it is waited for too: the answer after the wait is right, the wait is one
 * PostgreSQL would not do.
 */
public final class IndexMaintenance {
    private IndexMaintenance() {}

    /** Sees every finished transaction's effects and all of ours (SnapshotDirty without the in-progress part). */
    static final Snapshot FINISHED = new Snapshot() {
        @Override public long xmin() { return 0; }
        @Override public long xmax() { return Long.MAX_VALUE; }
        @Override public int commandId() { return Integer.MAX_VALUE; }
        @Override public boolean isInProgress(long xid) { return false; }
    };

    /** The index key of a row (values in table column order) for an index of plain columns only. */
    public static byte[] key(IndexDescriptor index, Value[] row) {
        return key(index, row, null);
    }

    /**
     * The index key of a row: each key column's value, or its expression evaluated over the row
     * (with {@code ctx}, which may be null for an index of plain columns).
     */
    public static byte[] key(IndexDescriptor index, Value[] row, EvalContext ctx) {
        int[] cols = index.columns();
        IndexKeys.Builder b = new IndexKeys.Builder(16 * cols.length + 8);
        for (int i = 0; i < cols.length; i++) {
            b.add(keyValue(index, i, row, ctx), index.flags()[i]);
        }
        return b.toByteArray();
    }

    /** Key column {@code i}'s value for {@code row}. */
    public static Value keyValue(IndexDescriptor index, int i, Value[] row, EvalContext ctx) {
        int c = index.columns()[i];
        return c >= 0 ? row[c] : index.expression(i).eval(row, ctx);
    }

    public static boolean hasNullKey(IndexDescriptor index, Value[] row) {
        return hasNullKey(index, row, null);
    }

    public static boolean hasNullKey(IndexDescriptor index, Value[] row, EvalContext ctx) {
        int[] cols = index.columns();
        for (int i = 0; i < cols.length; i++) {
            if (keyValue(index, i, row, ctx) == null) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code row} belongs in the index: always, or a partial index's predicate is true for it. */
    public static boolean covers(IndexDescriptor index, Value[] row, EvalContext ctx) {
        return index.predicate() == null
            || index.predicate().eval(row, ctx) instanceof org.tuskdb.sql.internal.value.BoolValue b && b.value();
    }

    /** Inserts the entries of the new version {@code tid} of {@code row} into every index of the table. */
    public static void insert(StorageContext sc, TableDescriptor table, Value[] row, Tid tid, EvalContext ctx) {
        List<IndexDescriptor> indexes = table.indexes();
        if (indexes.isEmpty()) {
            return;
        }
        IndexAccess access = requireIndexes(sc.services());
        for (IndexDescriptor ix : indexes) {
            if (!covers(ix, row, ctx)) {
                continue; // a partial index holds only the rows its predicate accepts
            }
            byte[] key = key(ix, row, ctx);
            if (ix.unique() && !hasNullKey(ix, row, ctx)) {
                access.insert(ix.locator(), key, tid, UniqueCheck.YES, checker(sc, table, ix, row, ctx));
            } else {
                access.insert(ix.locator(), key, tid, UniqueCheck.NONE, null);
            }
        }
    }

    /**
     * Whether an UPDATE from {@code old} to {@code nw} may be HOT (heap-only, no index entries):
     * every index of the table would get the entry it has for the old version — the same key
     * bytes, and the same partial-index predicate outcome (PostgreSQL compares the indexed
     * attributes; comparing what the index would hold is what that is for). A column the update
     * did not assign is the very same Value object, which settles it without encoding.
     */
    public static boolean hotAllowed(TableDescriptor table, Value[] old, Value[] nw, EvalContext ctx) {
        for (IndexDescriptor ix : table.indexes()) {
            boolean covered = covers(ix, old, ctx);
            if (covered != covers(ix, nw, ctx)) {
                return false;
            }
            if (!covered) {
                continue;
            }
            int[] cols = ix.columns();
            boolean same = true;
            for (int c : cols) {
                if (c < 0 || old[c] != nw[c]) {
                    same = false;
                    break;
                }
            }
            if (!same && !java.util.Arrays.equals(key(ix, old, ctx), key(ix, nw, ctx))) {
                return false;
            }
        }
        return true;
    }

    public static IndexAccess requireIndexes(StorageServices s) {
        IndexAccess a = s == null ? null : s.indexes();
        if (a == null) {
            throw DatabaseException.error(SqlState.FEATURE_NOT_SUPPORTED,
                "indexes are not available without the index access method");
        }
        return a;
    }

    /** The checker for inserting {@code row}'s key into unique index {@code ix} (plain columns only). */
    public static HeapChecker checker(StorageContext sc, TableDescriptor table, IndexDescriptor ix, Value[] row,
                                      SessionStyle style) {
        return new HeapChecker(sc.heap(), sc.services().transactions(), sc.transaction(), table, ix, row, style, null);
    }

    /** The checker for inserting {@code row}'s key into unique index {@code ix}, expressions evaluated with {@code ctx}. */
    public static HeapChecker checker(StorageContext sc, TableDescriptor table, IndexDescriptor ix, Value[] row,
                                      EvalContext ctx) {
        return new HeapChecker(sc.heap(), sc.services().transactions(), sc.transaction(), table, ix, row, ctx.style(),
            ctx);
    }

    /**
     * "Key (a, b)=(1, 2)" as PostgreSQL's BuildIndexValueDescription: a column by name, an
     * expression key as pg_get_indexdef prints it ({@code Key (lower(email))=(x)}).
     */
    public static String keyDescription(Relation table, IndexDescriptor ix, Value[] row, SessionStyle style,
                                        EvalContext ctx) {
        StringJoiner names = new StringJoiner(", ", "Key (", ")");
        StringJoiner values = new StringJoiner(", ", "=(", ")");
        for (int i = 0; i < ix.columns().length; i++) {
            names.add(keyName(table, ix, i));
            Value v = keyValue(ix, i, row, ctx);
            values.add(v == null ? "null" : v.toText(style));
        }
        return names + values.toString();
    }

    /** Key column {@code i} as pg_get_indexdef prints it: the column's name or the expression. */
    public static String keyName(Relation table, IndexDescriptor ix, int i) {
        int c = ix.columns()[i];
        if (c >= 0) {
            return table.columns().get(c).name();
        }
        String text = org.tuskdb.sql.internal.plan.explain.ExpressionText.deparse(ix.expression(i),
            columnNames(table));
        return looksLikeFunction(ix.expression(i)) ? text : "(" + text + ")";
    }

    /** The table's column names quoted as identifiers, by position (what stored expressions name columns by). */
    public static String[] columnNames(Relation table) {
        String[] names = new String[table.columns().size()];
        for (int i = 0; i < names.length; i++) {
            names[i] = org.tuskdb.sql.internal.catalog.RelationCache.quoteIdent(table.columns().get(i).name());
        }
        return names;
    }

    /** ruleutils' looks_like_function: a key printed without extra parentheses (a function call, COALESCE, ...). */
    public static boolean looksLikeFunction(org.tuskdb.sql.internal.expr.Expression e) {
        return e instanceof org.tuskdb.sql.internal.expr.FuncExpr f && !f.function().name().isEmpty()
            && (Character.isLetter(f.function().name().charAt(0)) || f.function().name().charAt(0) == '_')
            || e instanceof org.tuskdb.sql.internal.expr.CoalesceExpr || e instanceof org.tuskdb.sql.internal.expr.MinMaxExpr;
    }

    /** The UniqueChecker over the heap of {@code table}. */
    public static final class HeapChecker implements UniqueChecker {
        private final HeapAccess heap;
        private final TransactionManager transactions;
        private final Transaction tx;
        private final TableDescriptor table;
        private final IndexDescriptor index;
        private final Value[] row;
        private final SessionStyle style;
        private final EvalContext ctx;

        HeapChecker(HeapAccess heap, TransactionManager transactions, Transaction tx, TableDescriptor table,
                    IndexDescriptor index, Value[] row, SessionStyle style, EvalContext ctx) {
            this.ctx = ctx;
            this.heap = heap;
            this.transactions = transactions;
            this.tx = tx;
            this.table = table;
            this.index = index;
            this.row = row;
            this.style = style;
        }

        @Override
        public Liveness check(Tid tid) {
            return liveness(heap, transactions, tx, table, tid);
        }

        /**
         * The horizon for dead entries met by this one unique check, taken at the first: the
         * snapshot-time pruneHorizon (never newer than oldestXmin, so "dead to all" stays true)
         * rather than a scan of the running-transaction table per dead entry; 0 until taken.
         */
        private long horizon;

        @Override
        public boolean deadToAll(Tid tid) {
            if (horizon == 0) {
                horizon = transactions.pruneHorizon();
            }
            return heap.deadToAll(table.locator(), tid, horizon);
        }

        @Override
        public void awaitTransaction(long xid) {
            transactions.waitForTransaction(xid, tx.interrupts());
        }

        @Override
        public DatabaseException duplicate(byte[] key, Tid existing) {
            return DatabaseException.error("23505", "duplicate key value violates unique constraint \""
                + index.name() + "\"").withDetail(keyDescription(table, index, row, style, ctx) + " already exists.")
                .withConstraint(table.schema(), table.name(), index.name());
        }
    }

    /**
     * The unique check's view of the row an entry for {@code tid} stands for (see the class
     * comment): the first version of its HOT chain that is not DEAD answers (heap_hot_search
     * with SnapshotDirty), a LIVE one with its own tid.
     */
    public static UniqueChecker.Liveness liveness(HeapAccess heap, TransactionManager transactions, Transaction tx,
                                                 TableDescriptor table, Tid tid) {
        List<HeapTuple> chain = heap.hotChain(table.locator(), tid);
        for (int i = 0; i < chain.size(); i++) {
            HeapTuple v = chain.get(i);
            UniqueChecker.Liveness l = liveness(heap, transactions, tx, table, v);
            if (l.status() != UniqueChecker.Status.DEAD) {
                return l.status() == UniqueChecker.Status.LIVE && !v.tid().equals(tid) ? UniqueChecker.Liveness.live(v.tid()) : l;
            }
        }
        return UniqueChecker.Liveness.DEAD;
    }

    private static UniqueChecker.Liveness liveness(HeapAccess heap, TransactionManager transactions, Transaction tx,
                                                  TableDescriptor table, HeapTuple v) {
        Tid tid = v.tid();
        long xmin = v.xmin();
        if (xmin >= TransactionManager.FIRST_NORMAL_XID && !tx.isCurrentTransaction(xmin)) {
            XidStatus s = transactions.status(xmin);
            if (s == XidStatus.IN_PROGRESS) {
                return UniqueChecker.Liveness.inProgress(xmin);
            }
            if (s == XidStatus.ABORTED) {
                return UniqueChecker.Liveness.DEAD;
            }
        }
        if (heap.fetch(table.locator(), tid, FINISHED, tx) == null) {
            return UniqueChecker.Liveness.DEAD; // deleted by a committed transaction or by us (or our aborted insert)
        }
        long xmax = v.xmax();
        if (xmax >= TransactionManager.FIRST_NORMAL_XID && !tx.isCurrentTransaction(xmax)
            && transactions.status(xmax) == XidStatus.IN_PROGRESS) {
            return UniqueChecker.Liveness.inProgress(xmax);
        }
        return UniqueChecker.Liveness.LIVE;
    }
}
