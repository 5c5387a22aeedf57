package org.tuskdb.sql.internal.session;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.tuskdb.api.DatabaseException;
import org.tuskdb.api.SqlState;
import org.tuskdb.api.heap.HeapScan;
import org.tuskdb.api.heap.HeapTuple;
import org.tuskdb.api.xact.LockMode;
import org.tuskdb.sql.internal.analyze.ParseState;
import org.tuskdb.sql.internal.ast.Statement;
import org.tuskdb.sql.internal.catalog.CatalogStore;
import org.tuskdb.sql.internal.catalog.CatalogTables;
import org.tuskdb.sql.internal.catalog.CheckConstraint;
import org.tuskdb.sql.internal.catalog.IndexDescriptor;
import org.tuskdb.sql.internal.catalog.PartitionBound;
import org.tuskdb.sql.internal.catalog.PartitionKey;
import org.tuskdb.sql.internal.catalog.Partitioning;
import org.tuskdb.sql.internal.catalog.Relation;
import org.tuskdb.sql.internal.catalog.TableDescriptor;
import org.tuskdb.sql.internal.value.OidValue;
import org.tuskdb.sql.internal.value.PgType;
import org.tuskdb.sql.internal.value.TextValue;
import org.tuskdb.sql.internal.value.Value;

/**
 * ALTER TABLE ... ATTACH PARTITION and DETACH PARTITION (PostgreSQL's ATExecAttachPartition and
 * ATExecDetachPartition), and the check of a DEFAULT partition's rows against a new sibling that
 * CREATE TABLE ... PARTITION OF shares with ATTACH (check_default_partition_contents).
 *
 * <p>A partition is nothing but its pg_class row's relpartparent and relpartbound here (see
 * catalog/Partitioning), so attaching writes them once the table is one its parent could have
 * made itself: the parent's columns in the parent's order (a leaf's row is a row of its parent, the
 * README's rule 2; another order is 0A000, where PostgreSQL maps columns by name), the same types,
 * NOT NULL where the parent has it, the parent's CHECK constraints, and the parent's indexes (one
 * it lacks is created, as AttachPartitionEnsureIndexes does). Then its rows must all lie inside
 * the bound, and a DEFAULT sibling's rows outside it (23514). Detaching clears the two columns:
 * the table keeps its rows, indexes and constraints.
 */
final class PartitionAttachCommands {
    private final Session session;
    private final DdlExecutor ddl;
    private final StorageTransaction st;
    private final StatementContext ctx;
    private final ParseState ps;

    PartitionAttachCommands(Session session, DdlExecutor ddl, StorageTransaction st, StatementContext ctx,
                            ParseState ps) {
        this.session = session;
        this.ddl = ddl;
        this.st = st;
        this.ctx = ctx;
        this.ps = ps;
    }

    /** ATTACH PARTITION of {@code a.partition()} to {@code parent} (locked ACCESS EXCLUSIVE by ALTER TABLE). */
    void attach(TableDescriptor parent, Statement.AttachPartition a) {
        requirePartitioned(parent);
        // the bound's errors carry positions (transformPartitionBound has the query's text; the rest of ALTER TABLE not)
        ParseState positioned = new ParseState(session.currentQuery(), session.services().functions(),
            session.typeLookup(), org.tuskdb.sql.internal.analyze.ParamTypes.none());
        PartitionBound bound = PartitionCommands.transform(a.bound(), parent, positioned, ctx);
        TableDescriptor t = table(a.partition(), "ATTACH PARTITION");
        if (t.partitioning() != null && t.partitioning().isPartition()) {
            throw DatabaseException.error("42809", "\"" + t.name() + "\" is already a partition");
        }
        if (t.oid() == parent.oid() || (t.partitioned() && contains(t, parent.oid()))) {
            throw DatabaseException.error("42P07", "circular inheritance not allowed")
                .withDetail("\"" + parent.name() + "\" is already a child of \"" + t.name() + "\".");
        }
        if (!parent.temporary() && t.temporary()) {
            throw DatabaseException.error("42809", "cannot attach a temporary relation as partition of permanent relation \""
                + parent.name() + "\"");
        }
        if (parent.temporary() && !t.temporary()) {
            throw DatabaseException.error("42809", "cannot attach a permanent relation as partition of temporary relation \""
                + parent.name() + "\"");
        }
        for (Relation.Column c : t.columns()) {
            if (parent.columnIndex(c.name()) < 0) {
                throw DatabaseException.error(SqlState.DATATYPE_MISMATCH, "table \"" + t.name() + "\" contains column \""
                    + c.name() + "\" not found in parent \"" + parent.name() + "\"")
                    .withDetail("The new partition may contain only the columns present in parent.");
            }
        }
        PartitionCommands.checkNew(a.bound(), bound, parent, t.name(), positioned);
        checkColumns(parent, t);
        checkConstraints(parent, t);
        setParent(t, parent.oid(), bound.text());
        ensureIndexes(parent, t);
        // the rows already there: inside the new bound (and the parent's own), and none left in a DEFAULT sibling
        Partitioning p = new Partitioning(null, null, parent.oid(), parent.name(), bound, constraintUnder(parent, bound));
        for (TableDescriptor leaf : Partitioning.leaves(t)) {
            if (!rowsSatisfy(leaf, p)) {
                throw DatabaseException.error("23514", "partition constraint of relation \"" + leaf.name()
                    + "\" is violated by some row").withTable(leaf.schema(), leaf.name());
            }
        }
        if (!bound.isDefault()) {
            checkDefault(parent, bound);
        }
    }

    /** DETACH PARTITION: the partition becomes a table of its own (CONCURRENTLY too: this is not online). */
    void detach(TableDescriptor parent, Statement.DetachPartition d) {
        if (d.concurrently()) {
            TransactionState tx = session.tx;
            if (tx.inBlock() || tx.block == TransactionState.Block.IMPLICIT) {
                throw DatabaseException.error(SqlState.ACTIVE_SQL_TRANSACTION,
                    "ALTER TABLE ... DETACH CONCURRENTLY cannot run inside a transaction block");
            }
        }
        requirePartitioned(parent);
        TableDescriptor t = table(d.partition(), "DETACH PARTITION");
        if (t.partitioning() == null || t.partitioning().parentOid() != parent.oid()) {
            throw DatabaseException.error(SqlState.UNDEFINED_TABLE, "relation \"" + t.name()
                + "\" is not a partition of relation \"" + parent.name() + "\"");
        }
        if (d.finalizeDetach()) {
            throw DatabaseException.error("55000", "partition \"" + t.name()
                + "\" of \"" + parent.name() + "\" is not pending detach");
        }
        if (d.concurrently()) {
            for (TableDescriptor c : parent.partitioning().children()) {
                if (c.partitioning().bound().isDefault()) {
                    throw DatabaseException.error("55000",
                        "cannot detach partitions concurrently when a default partition exists");
                }
            }
        }
        setParent(t, 0, null);
    }

    /**
     * CREATE TABLE ... PARTITION OF and ATTACH with bound {@code bound} while {@code parent} has a
     * DEFAULT partition: that one's rows must not belong to the new partition, since they would then
     * be where no scan of the new bound looks (23514 naming the DEFAULT partition).
     */
    static void checkDefault(StorageTransaction st, TableDescriptor parent, PartitionBound bound, StatementContext ctx) {
        PartitionKey key = parent.partitioning().key();
        for (TableDescriptor c : parent.partitioning().children()) {
            if (!c.partitioning().bound().isDefault()) {
                continue;
            }
            for (TableDescriptor leaf : Partitioning.leaves(c)) {
                if (anyRow(st, leaf, ctx, row -> bound.accepts(key.keyOf(row), key))) {
                    throw DatabaseException.error("23514", "updated partition constraint for default partition \""
                        + c.name() + "\" would be violated by some row").withTable(c.schema(), c.name());
                }
            }
        }
    }

    private void checkDefault(TableDescriptor parent, PartitionBound bound) {
        checkDefault(st, parent, bound, ctx);
    }

    private static void requirePartitioned(TableDescriptor parent) {
        if (!parent.partitioned()) {
            throw DatabaseException.error("42P17", "table \"" + parent.name() + "\" is not partitioned");
        }
    }

    /** The table ATTACH / DETACH names, locked ACCESS EXCLUSIVE, owned by the user. */
    private TableDescriptor table(Statement.RangeVar rv, String action) {
        Relation r = session.relcache().lookup(rv.schema(), rv.name(), LockMode.ACCESS_EXCLUSIVE,
            ps.position(rv.location()), false, st);
        if (!(r instanceof TableDescriptor t) || t.systemCatalog() || t.matview() != null || t.view() != null) {
            String kind = r instanceof TableDescriptor m && m.matview() != null ? "materialized views"
                : r instanceof org.tuskdb.sql.internal.catalog.SequenceDescriptor ? "sequences" : "views";
            throw DatabaseException.error("42809", "ALTER action " + action + " cannot be performed on relation \""
                + r.name() + "\"").withDetail("This operation is not supported for " + kind + ".");
        }
        Ownership.checkRelationOwner(session, st, t.oid());
        return t;
    }

    /** Whether {@code oid} is a partition somewhere under partitioned {@code t}. */
    private static boolean contains(TableDescriptor t, long oid) {
        for (TableDescriptor c : t.partitioning().children()) {
            if (c.oid() == oid || (c.partitioned() && contains(c, oid))) {
                return true;
            }
        }
        return false;
    }

    /** MergeAttributesIntoExisting: every column of the parent, same type and modifier, NOT NULL where the parent's is. */
    private static void checkColumns(TableDescriptor parent, TableDescriptor t) {
        for (int i = 0; i < parent.columns().size(); i++) {
            Relation.Column pc = parent.columns().get(i);
            int j = t.columnIndex(pc.name());
            if (j < 0) {
                throw DatabaseException.error(SqlState.DATATYPE_MISMATCH, "child table is missing column \"" + pc.name()
                    + "\"");
            }
            Relation.Column c = t.columns().get(j);
            if (!PgType.same(c.type(), pc.type()) || c.typmod() != pc.typmod()) {
                throw DatabaseException.error(SqlState.DATATYPE_MISMATCH, "child table \"" + t.name()
                    + "\" has different type for column \"" + pc.name() + "\"");
            }
            if (parent.notNull()[i] && !t.notNull()[j]) {
                throw DatabaseException.error(SqlState.DATATYPE_MISMATCH, "column \"" + pc.name()
                    + "\" in child table must be marked NOT NULL");
            }
        }
        for (int i = 0; i < parent.columns().size(); i++) {
            if (t.columnIndex(parent.columns().get(i).name()) != i) {
                throw DatabaseException.error(SqlState.FEATURE_NOT_SUPPORTED,
                    "attaching a partition whose columns are in another order than its parent's is not supported yet");
            }
        }
    }

    /** MergeConstraintsIntoExisting: each CHECK constraint of the parent, by name and definition. */
    private static void checkConstraints(TableDescriptor parent, TableDescriptor t) {
        for (CheckConstraint pc : parent.checks()) {
            CheckConstraint found = null;
            for (CheckConstraint c : t.checks()) {
                if (c.name().equals(pc.name())) {
                    found = c;
                }
            }
            if (found == null) {
                throw DatabaseException.error(SqlState.DATATYPE_MISMATCH, "child table is missing constraint \""
                    + pc.name() + "\"");
            }
            if (!found.text().equals(pc.text())) {
                throw DatabaseException.error(SqlState.DATATYPE_MISMATCH, "child table \"" + t.name()
                    + "\" has different definition for check constraint \"" + pc.name() + "\"");
            }
        }
    }

    /** pg_class.relpartparent / relpartbound of {@code t} (0 and null: no partition any more). */
    private void setParent(TableDescriptor t, long parent, String boundText) {
        CatalogStore store = new CatalogStore(st.services().heap(), st.transaction());
        CatalogStore.Entry cls = store.findClassByOid(t.oid(), st.freshSnapshot());
        Value[] row = java.util.Arrays.copyOf(cls.row(), Math.max(cls.row().length, CatalogTables.CLASS_RELPARTKEY + 1));
        row[CatalogTables.CLASS_RELPARTPARENT] = OidValue.oid(parent);
        row[CatalogTables.CLASS_RELPARTBOUND] = boundText == null ? null : TextValue.text(boundText);
        store.update(CatalogTables.PG_CLASS, cls.tid(), row);
        st.catalogChanged();
        st.transaction().commandCounterIncrement();
        session.relcache().invalidateLocal();
    }

    /**
     * AttachPartitionEnsureIndexes: each index of the parent that {@code t} has no equal of is
     * created on it under a name chosen for it (a PRIMARY KEY / UNIQUE constraint's as that
     * constraint, through ALTER TABLE ... ADD).
     */
    private void ensureIndexes(TableDescriptor parent, TableDescriptor t) {
        CatalogStore store = new CatalogStore(st.services().heap(), st.transaction());
        Set<String> keys = TableLikeExpansion.keyConstraintNames(store, st.freshSnapshot(), parent.oid());
        Statement.RangeVar target = new Statement.RangeVar(t.schema(), t.name(), null, 0);
        for (IndexDescriptor ix : parent.indexes()) {
            if (Partitioning.matchingIndex(ix, t) != null) {
                continue;
            }
            if (ix.primary() || keys.contains(ix.name())) {
                new AlterTableExecutor(session, ddl, st, ctx, ps).run(new Statement.AlterTable(target, false,
                    List.of(new Statement.AddConstraint(TableLikeExpansion.cloneKey(parent, ix, 0), 0)), 0));
            } else {
                Statement.CreateIndex c = TableLikeExpansion.cloneIndex(parent, ix, 0);
                new IndexCommands(session).createIndex(new Statement.CreateIndex(null, target, c.unique(), false,
                    c.columns(), c.predicate(), 0), ctx);
            }
            st.transaction().commandCounterIncrement();
            session.relcache().invalidateLocal();
        }
    }

    /**
     * ALTER TABLE ... ADD PRIMARY KEY / UNIQUE on partitioned {@code parent}: the same key on each
     * partition (DefineIndex's recursion), unnamed, so each is named after its partition
     * ({@code p1_pkey}, {@code p1_b_key}); a partition that already has an equal constraint keeps it.
     */
    static void addKeyToPartitions(Session session, DdlExecutor ddl, StorageTransaction st, StatementContext ctx,
                                   ParseState ps, TableDescriptor parent, Statement.ConstraintDef c) {
        for (TableDescriptor child : parent.partitioning().children()) {
            if (hasKey(child, c)) {
                continue;
            }
            Statement.ConstraintDef key = new Statement.ConstraintDef(null, c.kind(), null, null, c.columns(), null,
                List.of(), null, null, c.location());
            st.transaction().commandCounterIncrement();
            session.relcache().invalidateLocal();
            new AlterTableExecutor(session, ddl, st, ctx, ps).run(new Statement.AlterTable(new Statement.RangeVar(
                child.schema(), child.name(), null, 0), false, List.of(new Statement.AddConstraint(key, 0)), 0));
        }
    }

    /** Whether {@code t} has a unique index (a primary one for a PRIMARY KEY) on exactly the key's columns, in order. */
    private static boolean hasKey(TableDescriptor t, Statement.ConstraintDef c) {
        for (IndexDescriptor ix : t.indexes()) {
            if (!ix.unique() || !ix.plain() || ix.columns().length != c.columns().size()
                || (c.kind() == Statement.ConstraintKind.PRIMARY_KEY && !ix.primary())) {
                continue;
            }
            boolean all = true;
            for (int k = 0; k < ix.columns().length; k++) {
                all &= ix.columns()[k] == t.columnIndex(c.columns().get(k));
            }
            if (all) {
                return true;
            }
        }
        return false;
    }

    /** The partition constraint of a new partition of {@code parent} with {@code bound}: that level, then the parent's. */
    private static List<Partitioning.Level> constraintUnder(TableDescriptor parent, PartitionBound bound) {
        List<PartitionBound> siblings = new ArrayList<>();
        for (TableDescriptor c : parent.partitioning().children()) {
            siblings.add(c.partitioning().bound());
        }
        List<Partitioning.Level> levels = new ArrayList<>();
        levels.add(new Partitioning.Level(parent.partitioning().key(), bound, List.copyOf(siblings)));
        levels.addAll(parent.partitioning().levels());
        return levels;
    }

    private boolean rowsSatisfy(TableDescriptor leaf, Partitioning p) {
        return !anyRow(st, leaf, ctx, row -> !p.satisfies(row));
    }

    /** Whether a row of {@code t} (its own file, as the command sees it) matches {@code test}. */
    private static boolean anyRow(StorageTransaction st, TableDescriptor t, StatementContext ctx,
                                  java.util.function.Predicate<Value[]> test) {
        try (HeapScan scan = st.services().heap().scan(t.locator(), st.freshSnapshot(), st.transaction())) {
            HeapTuple tuple;
            while ((tuple = scan.next()) != null) {
                if (test.test(t.codec().decode(tuple.data()))) {
                    return true;
                }
                ctx.checkForInterrupts();
            }
        }
        return false;
    }
}
