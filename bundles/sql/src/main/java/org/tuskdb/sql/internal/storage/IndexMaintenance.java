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
import org.tuskdb.sql.internal.catalog.TableDescriptor;
import org.tuskdb.sql.internal.value.SessionStyle;
import org.tuskdb.sql.internal.value.Value;

/**
 * Index maintenance (PostgreSQL's ExecInsertIndexTuples) and the unique check's heap side
 * (_bt_check_unique's SnapshotDirty look at the heap). Every new heap tuple version — INSERT
 * and every UPDATE, there is no HOT — gets one entry in every index of its table, right after
 * the heap insert, before the next row. A unique index checks the key unless one of its
 * columns is NULL (NULLs never conflict).
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

    /** The index key of a row (values in table column order). */
    public static byte[] key(IndexDescriptor index, Value[] row) {
        int[] cols = index.columns();
        IndexKeys.Builder b = new IndexKeys.Builder(16 * cols.length + 8);
        for (int i = 0; i < cols.length; i++) {
            b.add(row[cols[i]], index.flags()[i]);
        }
        return b.toByteArray();
    }

    public static boolean hasNullKey(IndexDescriptor index, Value[] row) {
        for (int c : index.columns()) {
            if (row[c] == null) {
                return true;
            }
        }
        return false;
    }

    /** Inserts the entries of the new version {@code tid} of {@code row} into every index of the table. */
    public static void insert(StorageContext sc, TableDescriptor table, Value[] row, Tid tid, SessionStyle style) {
        List<IndexDescriptor> indexes = table.indexes();
        if (indexes.isEmpty()) {
            return;
        }
        IndexAccess access = requireIndexes(sc.services());
        for (IndexDescriptor ix : indexes) {
            byte[] key = key(ix, row);
            if (ix.unique() && !hasNullKey(ix, row)) {
                access.insert(ix.locator(), key, tid, UniqueCheck.YES, checker(sc, table, ix, row, style));
            } else {
                access.insert(ix.locator(), key, tid, UniqueCheck.NONE, null);
            }
        }
    }

    public static IndexAccess requireIndexes(StorageServices s) {
        IndexAccess a = s == null ? null : s.indexes();
        if (a == null) {
            throw DatabaseException.error(SqlState.FEATURE_NOT_SUPPORTED,
                "indexes are not available without the index access method");
        }
        return a;
    }

    /** The checker for inserting {@code row}'s key into unique index {@code ix}. */
    public static HeapChecker checker(StorageContext sc, TableDescriptor table, IndexDescriptor ix, Value[] row,
                                      SessionStyle style) {
        return new HeapChecker(sc.heap(), sc.services().transactions(), sc.transaction(), table, ix, row, style);
    }

    /** "Key (a, b)=(1, 2)" as PostgreSQL's BuildIndexValueDescription. */
    public static String keyDescription(TableDescriptor table, IndexDescriptor ix, Value[] row, SessionStyle style) {
        StringJoiner names = new StringJoiner(", ", "Key (", ")");
        StringJoiner values = new StringJoiner(", ", "=(", ")");
        for (int c : ix.columns()) {
            names.add(table.columns().get(c).name());
            values.add(row[c] == null ? "null" : row[c].toText(style));
        }
        return names + values.toString();
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

        HeapChecker(HeapAccess heap, TransactionManager transactions, Transaction tx, TableDescriptor table,
                    IndexDescriptor index, Value[] row, SessionStyle style) {
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

        @Override
        public void awaitTransaction(long xid) {
            transactions.waitForTransaction(xid, tx.interrupts());
        }

        @Override
        public DatabaseException duplicate(byte[] key, Tid existing) {
            return DatabaseException.error("23505", "duplicate key value violates unique constraint \""
                + index.name() + "\"").withDetail(keyDescription(table, index, row, style) + " already exists.")
                .withConstraint(table.schema(), table.name(), index.name());
        }
    }

    /** The unique check's view of the tuple at {@code tid} (see the class comment). */
    public static UniqueChecker.Liveness liveness(HeapAccess heap, TransactionManager transactions, Transaction tx,
                                                 TableDescriptor table, Tid tid) {
        HeapTuple v = heap.fetchVersion(table.locator(), tid);
        if (v == null) {
            return UniqueChecker.Liveness.DEAD;
        }
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
