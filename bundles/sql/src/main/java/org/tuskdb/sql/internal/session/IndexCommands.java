package org.tuskdb.sql.internal.session;

import java.util.ArrayList;
import java.util.List;
import org.tuskdb.api.DatabaseException;
import org.tuskdb.api.SqlState;
import org.tuskdb.api.heap.HeapScan;
import org.tuskdb.api.heap.HeapTuple;
import org.tuskdb.api.heap.Tid;
import org.tuskdb.api.index.IndexAccess;
import org.tuskdb.api.index.IndexBuild;
import org.tuskdb.api.index.UniqueChecker;
import org.tuskdb.api.storage.RelFileLocator;
import org.tuskdb.api.xact.LockMode;
import org.tuskdb.api.xact.Snapshot;
import org.tuskdb.api.xact.Transaction;
import org.tuskdb.sql.internal.analyze.ParamTypes;
import org.tuskdb.sql.internal.analyze.ParseState;
import org.tuskdb.sql.internal.analyze.StoredExpressions;
import org.tuskdb.sql.internal.expr.EvalContext;
import org.tuskdb.sql.internal.expr.Expression;
import org.tuskdb.sql.internal.plan.explain.ExpressionText;
import org.tuskdb.sql.internal.ast.Statement;
import org.tuskdb.sql.internal.catalog.CatalogStore;
import org.tuskdb.sql.internal.catalog.CatalogTables;
import org.tuskdb.sql.internal.catalog.IndexCatalog;
import org.tuskdb.sql.internal.catalog.IndexDescriptor;
import org.tuskdb.sql.internal.catalog.Relation;
import org.tuskdb.sql.internal.catalog.TableDescriptor;
import org.tuskdb.sql.internal.storage.IndexKeys;
import org.tuskdb.sql.internal.storage.IndexMaintenance;
import org.tuskdb.sql.internal.storage.RowCodec;
import org.tuskdb.sql.internal.storage.StorageServices;
import org.tuskdb.sql.internal.value.OidValue;
import org.tuskdb.sql.internal.value.PgType;
import org.tuskdb.sql.internal.value.TextValue;
import org.tuskdb.sql.internal.value.Value;

/**
 * CREATE INDEX, DROP INDEX and the indexes of PRIMARY KEY / UNIQUE constraints (PostgreSQL's
 * DefineIndex, index_create, index_build, index_drop). An index is a pg_class row (relkind i,
 * its own relfilenode) plus a pg_index row, written in the session's transaction; its file is
 * made at once through IndexAccess.create (WAL-logged) and dropped at abort, a dropped index's
 * file goes at commit. The table is locked ShareLock for CREATE INDEX (writers wait, readers
 * go on), AccessExclusiveLock for DROP INDEX. The build reads the table with a fresh snapshot
 * (no concurrent writer can be running under ShareLock) and writes the tree bottom-up.
 */
final class IndexCommands {
    private final Session session;

    IndexCommands(Session session) {
        this.session = session;
    }

    private StorageTransaction storage(String command) {
        StorageTransaction st = session.storage();
        st.requireTables();
        IndexMaintenance.requireIndexes(st.services());
        if (st.transaction().readOnly()) {
            throw DatabaseException.error("25006", "cannot execute " + command + " in a read-only transaction");
        }
        return st;
    }

    private ParseState parseState() {
        return new ParseState(session.currentQuery(), session.services().functions(),
            session.typeLookup(), ParamTypes.none());
    }

    String createIndex(Statement.CreateIndex s, StatementContext ctx) {
        StorageTransaction st = storage("CREATE INDEX");
        ParseState ps = parseState();
        Statement.RangeVar rv = s.table();

        // no positions: DefineIndex reports none
        Relation r = session.relcache().lookup(rv.schema(), rv.name(), LockMode.SHARE, 0, false, st);
        if (!(r instanceof TableDescriptor t)) {
            throw DatabaseException.error("42809", "cannot create index on relation \"" + r.name() + "\"")
                .withDetail("This operation is not supported for views.");
        }
        if (t.systemCatalog()) {
            throw DatabaseException.error(SqlState.INSUFFICIENT_PRIVILEGE,
                "permission denied: \"" + t.name() + "\" is a system catalog");
        }
        int n = s.columns().size();
        int[] cols = new int[n];
        int[] flags = new int[n];
        Expression[] exprs = null;
        List<String> exprTexts = new ArrayList<>();
        List<String> names = new ArrayList<>();
        String[] columnNames = IndexMaintenance.columnNames(t);
        for (int i = 0; i < n; i++) {
            Statement.IndexElem e = s.columns().get(i);
            if (e.expression() != null) {
                Expression x = StoredExpressions.overColumns(e.expression(), t, ps);
                requireImmutable(x, "index expression");
                checkIndexable(x.type());
                if (exprs == null) {
                    exprs = new Expression[n];
                }
                exprs[i] = x;
                cols[i] = -1;
                String text = ExpressionText.deparse(x, columnNames);
                exprTexts.add(IndexMaintenance.looksLikeFunction(x) ? text : "(" + text + ")");
                names.add(columnName(x));
            } else {
                int c = t.columnIndex(e.column());
                if (c < 0) {
                    throw DatabaseException.error(SqlState.UNDEFINED_COLUMN, "column \"" + e.column()
                        + "\" does not exist");
                }
                checkIndexable(t.columns().get(c).type());
                cols[i] = c;
                names.add(e.column());
            }
            boolean nullsFirst = e.nullsFirst() != null ? e.nullsFirst() : e.descending();
            flags[i] = (e.descending() ? IndexKeys.DESC : 0) | (nullsFirst ? IndexKeys.NULLS_FIRST : 0);
        }
        Expression predicate = null;
        String predText = null;
        if (s.predicate() != null) {
            predicate = StoredExpressions.predicate(s.predicate(), t, ps);
            requireImmutable(predicate, "index predicate");
            predText = ExpressionText.deparse(predicate, columnNames);
        }
        String exprText = exprs == null ? null : String.join(", ", exprTexts);
        if (exprText != null || predText != null) {
            // what the relation cache will analyze when it loads the table: fail now, not then
            StoredExpressions loader = new StoredExpressions(session.services().functions(),
                session.typeLookup());
            if (exprText != null) {
                loader.analyzeIndexExpressions(exprText, t);
            }
            if (predText != null) {
                loader.analyzeCheck(predText, t);
            }
        }
        if (n > 32) {
            throw DatabaseException.error("54011", "cannot use more than 32 columns in an index");
        }
        CatalogStore store = new CatalogStore(st.services().heap(), st.transaction());
        String name = s.name();
        if (name == null) {
            name = chooseName(st, store, t.namespaceOid(), t.name(), String.join("_", names), "idx");
        } else {
            lockName(st, t.namespaceOid(), name);
            if (store.findClass(t.namespaceOid(), name, st.freshSnapshot()) != null) {
                if (s.ifNotExists()) {
                    ctx.notice(new DatabaseException(DatabaseException.Severity.NOTICE, "42P07", "relation \"" + name
                        + "\" already exists, skipping", null, null, 0, null));
                    return "CREATE INDEX";
                }
                throw DatabaseException.error("42P07", "relation \"" + name + "\" already exists");
            }
        }
        if (s.unique() && t.partitioned()) {
            requirePartitionKey(t, cols, "UNIQUE");
        }
        create(st, store, t.oid(), t.namespaceOid(), t.locator(), t.codec(), t, name,
            new IndexDescriptor(0, name, t.oid(), null, cols, flags, s.unique(), false, exprs, predicate, exprText,
                predText), t.temporary() ? "t" : "p", ctx);
        if (t.partitioned()) {
            // DefineIndex on a partitioned table: the same index on every partition, named after the
            // partition (ChooseIndexName), recursively; a partition created later gets it through LIKE
            for (TableDescriptor c : t.partitioning().children()) {
                st.transaction().commandCounterIncrement();
                session.relcache().invalidateLocal();
                createIndex(new Statement.CreateIndex(null, new Statement.RangeVar(c.schema(), c.name(), null,
                    s.location()), s.unique(), false, s.columns(), s.predicate(), s.location()), ctx);
            }
        }
        return "CREATE INDEX";
    }

    /**
     * A unique index of a partitioned table is enforced by each partition's own index, which sees
     * only its partition's rows: it holds across partitions only when the partition key's columns
     * are all among the index's plain columns (DefineIndex's check, 0A000).
     */
    static void requirePartitionKey(TableDescriptor t, int[] indexColumns, String constraint) {
        for (int k = 0; k < t.partitioning().key().columns().length; k++) {
            int keyColumn = t.partitioning().key().columns()[k];
            boolean found = false;
            for (int c : indexColumns) {
                found |= c == keyColumn;
            }
            if (!found) {
                throw partitionKeyMissing(constraint, t.name(), t.partitioning().key().names()[k]);
            }
        }
    }

    static DatabaseException partitionKeyMissing(String constraint, String table, String column) {
        return DatabaseException.error(SqlState.FEATURE_NOT_SUPPORTED,
            "unique constraint on partitioned table must include all partitioning columns")
            .withDetail(constraint + " constraint on table \"" + table + "\" lacks column \"" + column
                + "\" which is part of the partition key.");
    }

    /**
     * CheckMutability / CheckPredicate: every function of an index expression or predicate must
     * be immutable (the key of a row must not change while the row stays), 42P17; a subquery is
     * 0A000.
     */
    private static void requireImmutable(Expression e, String what) {
        requireImmutable(e, what, () -> mutable(what));
    }

    /** As above, with {@code mutable}'s error for a function that is not immutable (generation expressions have their own). */
    static void requireImmutable(Expression e, String what, java.util.function.Supplier<DatabaseException> mutable) {
        switch (e) {
            case org.tuskdb.sql.internal.expr.FuncExpr f -> {
                if (f.function().volatility() != 'i' && !inlinedConcatenation(f)) {
                    throw mutable.get();
                }
                for (Expression a : f.args()) {
                    requireImmutable(a, what, mutable);
                }
            }
            case org.tuskdb.sql.internal.expr.CastExpr c -> {
                if (!org.tuskdb.sql.internal.plan.ConstantFolder.immutableCast(c.arg().type(), c.type())) {
                    throw mutable.get();
                }
                requireImmutable(c.arg(), what, mutable);
            }
            case org.tuskdb.sql.internal.plan.SubPlanExpr sp -> throw DatabaseException.error(
                SqlState.FEATURE_NOT_SUPPORTED, "cannot use subquery in " + what);
            case org.tuskdb.sql.internal.expr.BoolExpr b -> all(b.args(), what, mutable);
            case org.tuskdb.sql.internal.expr.CoalesceExpr c -> all(c.args(), what, mutable);
            case org.tuskdb.sql.internal.expr.MinMaxExpr m -> all(m.args(), what, mutable);
            case org.tuskdb.sql.internal.expr.NullTest t -> requireImmutable(t.arg(), what, mutable);
            case org.tuskdb.sql.internal.expr.BooleanTest t -> requireImmutable(t.arg(), what, mutable);
            case org.tuskdb.sql.internal.expr.CaseExpr c -> {
                if (c.arg() != null) {
                    requireImmutable(c.arg(), what, mutable);
                }
                all(c.conditions(), what, mutable);
                all(c.results(), what, mutable);
                if (c.otherwise() != null) {
                    requireImmutable(c.otherwise(), what, mutable);
                }
            }
            default -> { }
        }
    }

    /**
     * text || anynonarray (textanycat, anytextcat): stable in pg_proc, but PostgreSQL inlines the SQL
     * function into a cast to text before it checks mutability, so it is immutable when that cast is.
     */
    private static boolean inlinedConcatenation(org.tuskdb.sql.internal.expr.FuncExpr f) {
        if (!f.function().name().equals("||") || f.args().length != 2) {
            return false;
        }
        PgType left = f.args()[0].type();
        PgType right = f.args()[1].type();
        return left == PgType.TEXT && org.tuskdb.sql.internal.plan.ConstantFolder.immutableCast(right, PgType.TEXT)
            || right == PgType.TEXT && org.tuskdb.sql.internal.plan.ConstantFolder.immutableCast(left, PgType.TEXT);
    }

    private static void all(Expression[] list, String what, java.util.function.Supplier<DatabaseException> mutable) {
        for (Expression a : list) {
            requireImmutable(a, what, mutable);
        }
    }

    private static DatabaseException mutable(String what) {
        return DatabaseException.error("42P17", "functions in " + what + " must be marked IMMUTABLE");
    }

    /** FigureColname for an index expression: what an unnamed index's name is made of ({@code t_lower_idx}). */
    private static String columnName(Expression e) {
        return switch (e) {
            case org.tuskdb.sql.internal.expr.FuncExpr f when IndexMaintenance.looksLikeFunction(f) -> f.function().name();
            case org.tuskdb.sql.internal.expr.CastExpr c -> c.arg() instanceof org.tuskdb.sql.internal.expr.ColumnVar v
                ? v.name() : c.type().displayName();
            case org.tuskdb.sql.internal.expr.CoalesceExpr c -> "coalesce";
            default -> "expr";
        };
    }

    private static void checkIndexable(PgType type) {
        if (!IndexKeys.isIndexable(type)) {
            throw DatabaseException.error("42704", "data type " + type.displayName()
                + " has no default operator class for access method \"btree\"")
                .withHint("You must specify an operator class for the index or define a default operator class for"
                    + " the data type.");
        }
    }

    /** PostgreSQL's ChooseRelationName: table_columns_suffix, then 1, 2, ... until free. */
    private String chooseName(StorageTransaction st, CatalogStore store, long namespace, String table, String columns,
                              String suffix) {
        String base = truncate(table + "_" + columns, suffix);
        String name = base + "_" + suffix;
        for (int i = 1; ; i++) {
            lockName(st, namespace, name);
            if (store.findClass(namespace, name, st.freshSnapshot()) == null) {
                return name;
            }
            name = base + "_" + suffix + i;
        }
    }

    private static String truncate(String base, String suffix) {
        int max = 63 - suffix.length() - 1 - 2;
        return base.length() > max ? base.substring(0, max) : base;
    }

    private static void lockName(StorageTransaction st, long namespace, String name) {
        st.lock(new org.tuskdb.api.xact.LockTag(org.tuskdb.api.xact.LockTag.Kind.OBJECT, CatalogTables.DB_OID,
            CatalogTables.PG_CLASS_OID, (name.hashCode() * 31L + namespace) & 0xffff_ffffL), LockMode.ACCESS_EXCLUSIVE);
    }

    /**
     * The index of a PRIMARY KEY / UNIQUE constraint named {@code name} (DdlExecutor.addConstraint);
     * {@code rel} is the table's descriptor for an existing table (its rows are indexed) or its
     * columns during CREATE TABLE (empty). Returns the index's oid (pg_constraint.conindid).
     */
    static long constraintIndex(Session session, StorageTransaction st, CatalogStore store, long relOid,
                                long namespace, Relation rel, String name, List<Integer> keyCols, boolean primary) {
        IndexMaintenance.requireIndexes(st.services());
        int[] cols = new int[keyCols.size()];
        for (int i = 0; i < cols.length; i++) {
            cols[i] = keyCols.get(i);
            checkIndexable(rel.columns().get(cols[i]).type());
        }
        if (store.findClass(namespace, name, st.freshSnapshot()) != null) {
            throw DatabaseException.error("42P07", "relation \"" + name + "\" already exists");
        }
        boolean temporary = namespace == session.relcache().tempNamespace();
        if (rel instanceof TableDescriptor t) {
            st.lockRelation(t.oid(), LockMode.SHARE);
            return new IndexCommands(session).create(st, store, relOid, namespace, t.locator(), t.codec(), t, name,
                new IndexDescriptor(0, name, relOid, null, cols, new int[cols.length], true, primary),
                t.temporary() ? "t" : "p", null);
        }
        return new IndexCommands(session).create(st, store, relOid, namespace, null, null, rel, name,
            new IndexDescriptor(0, name, relOid, null, cols, new int[cols.length], true, primary),
            temporary ? "t" : "p", null);
    }

    /**
     * Creates and builds an index of the table {@code relOid} (heap {@code heapLoc} read with
     * {@code codec}, or null for a table created in this very command, still empty) as {@code def}
     * describes it (its oid and locator are made here); {@code ctx} evaluates its expressions
     * (null when it has none).
     */
    private long create(StorageTransaction st, CatalogStore store, long relOid, long namespace, RelFileLocator heapLoc,
                        RowCodec codec, Relation rel, String name, IndexDescriptor def, String persistence,
                        EvalContext ctx) {
        int[] cols = def.columns();
        StorageServices services = st.services();
        IndexAccess access = services.indexes();
        Transaction tx = st.transaction();
        st.catalogChanged();
        long oid = services.transactions().newOid();
        RelFileLocator loc = new RelFileLocator(CatalogTables.DB_OID, oid);
        access.create(loc);
        tx.onEnd(committed -> {
            if (!committed) {
                access.drop(loc);
            }
        });
        // an index is owned by its table's owner
        CatalogStore.Entry table = store.findClassByOid(relOid, st.freshSnapshot());
        long owner = table == null ? session.currentUserOid() : CatalogTables.owner(table.row()[CatalogTables.CLASS_RELOWNER]);
        store.insert(CatalogTables.PG_CLASS, IndexCatalog.classRow(oid, name, namespace, oid, cols.length, persistence,
            owner));
        store.insert(CatalogTables.PG_INDEX, IndexCatalog.indexRow(oid, relOid, IndexCatalog.keyAttnums(rel, cols),
            def.flags(), def.unique(), def.primary(), def.expressionText(), def.predicateText()));
        if (heapLoc != null) {
            build(st, access, loc, heapLoc, codec, rel, name, new IndexDescriptor(oid, name, relOid, loc, cols,
                def.flags(), def.unique(), def.primary(), def.expressions(), def.predicate(), def.expressionText(),
                def.predicateText()), ctx);
        }
        tx.commandCounterIncrement();
        return oid;
    }

    /**
     * After ALTER TABLE rewrote table {@code t} into the heap {@code heap} (new tids, maybe new
     * column types): every index of it gets a new file built from the new rows (PostgreSQL's
     * reindex after ATRewriteTable); the old files go at commit, the new ones at abort.
     */
    void rebuildIndexes(StorageTransaction st, TableDescriptor t, RelFileLocator heap, EvalContext ctx) {
        rebuildIndexes(st, t, heap, ctx, null);
    }

    /** As {@link #rebuildIndexes(StorageTransaction, TableDescriptor, RelFileLocator, EvalContext)}, only {@code only} when not null (REINDEX INDEX). */
    void rebuildIndexes(StorageTransaction st, TableDescriptor t, RelFileLocator heap, EvalContext ctx,
                        IndexDescriptor only) {
        if (t.indexes().isEmpty()) {
            return;
        }
        StorageServices services = st.services();
        IndexAccess access = IndexMaintenance.requireIndexes(services);
        Transaction tx = st.transaction();
        CatalogStore store = new CatalogStore(services.heap(), tx);
        for (IndexDescriptor ix : t.indexes()) {
            CatalogStore.Entry cls = only != null && only.oid() != ix.oid() ? null
                : store.findClassByOid(ix.oid(), st.freshSnapshot());
            if (cls == null) {
                continue;
            }
            RelFileLocator fresh = newIndexFile(st, store, cls, access);
            build(st, access, fresh, heap, t.codec(), t, ix.name(), new IndexDescriptor(ix.oid(), ix.name(), t.oid(),
                fresh, ix.columns(), ix.flags(), ix.unique(), ix.primary(), ix.expressions(), ix.predicate(),
                ix.expressionText(), ix.predicateText()), ctx);
        }
        st.catalogChanged();
        tx.commandCounterIncrement();
    }

    private void build(StorageTransaction st, IndexAccess access, RelFileLocator loc, RelFileLocator heapLoc,
                       RowCodec codec, Relation rel, String name, IndexDescriptor ix, EvalContext ctx) {
        Transaction tx = st.transaction();
        Snapshot snapshot = st.freshSnapshot();
        StorageServices services = st.services();
        UniqueChecker checker = null;
        if (ix.unique()) {
            checker = new UniqueChecker() {
                @Override
                public Liveness check(Tid tid) {
                    HeapTuple v = services.heap().fetchIndexed(heapLoc, tid, snapshot, tx); // the member built from
                    if (v == null || IndexMaintenance.hasNullKey(ix, codec.decode(v.data()), ctx)) {
                        return Liveness.DEAD; // NULLs never conflict
                    }
                    return Liveness.LIVE; // the build saw it with its snapshot
                }

                @Override
                public void awaitTransaction(long xid) {
                    services.transactions().waitForTransaction(xid, tx.interrupts());
                }

                @Override
                public DatabaseException duplicate(byte[] key, Tid existing) {
                    HeapTuple v = services.heap().fetchIndexed(heapLoc, existing, snapshot, tx);
                    String detail = v == null ? null : IndexMaintenance.keyDescription(rel, ix, codec.decode(v.data()),
                        session.style(), ctx) + " is duplicated.";
                    return DatabaseException.error("23505", "could not create unique index \"" + name + "\"")
                        .withDetail(detail).withConstraint(rel.schema(), rel.name(), name);
                }
            };
        }
        // An index of plain columns without a predicate needs only its columns decoded (the
        // others are skipped over: a wide table's text columns cost most of the build).
        boolean[] wanted = keyColumnsOnly(ix, codec.columnCount());
        try (IndexBuild b = access.build(loc, checker); HeapScan scan = services.heap().scan(heapLoc, snapshot, tx)) {
            HeapTuple t;
            while ((t = scan.next()) != null) {
                Value[] row;
                if (wanted == null) {
                    row = codec.decode(t.data());
                } else {
                    row = new Value[wanted.length];
                    codec.decode(t.data(), row, wanted);
                }
                if (IndexMaintenance.covers(ix, row, ctx)) {
                    b.add(IndexMaintenance.key(ix, row, ctx), scan.indexTid(t)); // a HOT chain's root
                }
                session.host().checkForInterrupts();
            }
            b.finish();
        }
    }

    /** The columns an index of plain columns without a predicate reads; null for any other. */
    private static boolean[] keyColumnsOnly(IndexDescriptor ix, int columnCount) {
        if (ix.predicate() != null) {
            return null;
        }
        boolean[] wanted = new boolean[columnCount];
        for (int c : ix.columns()) {
            if (c < 0 || c >= columnCount) {
                return null;
            }
            wanted[c] = true;
        }
        return wanted;
    }

    // ---- DROP INDEX -----------------------------------------------------------------------

    String dropIndex(Statement.DropIndex s, StatementContext ctx) {
        StorageTransaction st = storage("DROP INDEX");
        CatalogStore store = new CatalogStore(st.services().heap(), st.transaction());
        for (Statement.RangeVar rv : s.names()) {
            CatalogStore.Entry cls = findRelation(st, store, rv);
            String shown = rv.schema() == null ? rv.name() : rv.schema() + "." + rv.name();
            if (cls == null) {
                if (!s.ifExists()) {
                    throw DatabaseException.error("42704", "index \"" + shown + "\" does not exist");
                }
                ctx.notice(new DatabaseException(DatabaseException.Severity.NOTICE, SqlState.SUCCESSFUL_COMPLETION,
                    "index \"" + shown + "\" does not exist, skipping", null, null, 0, null));
                continue;
            }
            String kind = ((TextValue) cls.row()[CatalogTables.CLASS_RELKIND]).value();
            if (!kind.equals("i")) {
                String hint = switch (kind) {
                    case "S" -> "Use DROP SEQUENCE to remove a sequence.";
                    case "v" -> "Use DROP VIEW to remove a view.";
                    default -> "Use DROP TABLE to remove a table.";
                };
                throw DatabaseException.error("42809", "\"" + rv.name() + "\" is not an index").withHint(hint);
            }
            long oid = ((OidValue) cls.row()[CatalogTables.CLASS_OID]).value();
            List<CatalogStore.Entry> ind = store.rowsWhere(CatalogTables.PG_INDEX, IndexCatalog.IND_RELID, oid,
                st.freshSnapshot());
            if (ind.isEmpty()) {
                continue;
            }
            long table = ((OidValue) ind.get(0).row()[IndexCatalog.IND_TABLE]).value();
            st.lockRelation(table, LockMode.ACCESS_EXCLUSIVE);
            for (CatalogStore.Entry con : store.rowsWhere(CatalogTables.PG_CONSTRAINT, CatalogTables.CON_RELID, table,
                st.freshSnapshot())) {
                Value[] c = con.row();
                if (c[9] instanceof OidValue o && o.value() == oid) {
                    String conname = ((TextValue) c[CatalogTables.CON_NAME]).value();
                    CatalogStore.Entry tc = store.findClassByOid(table, st.freshSnapshot());
                    String tname = tc == null ? "?" : ((TextValue) tc.row()[CatalogTables.CLASS_RELNAME]).value();
                    throw DatabaseException.error("2BP01", "cannot drop index " + rv.name() + " because constraint "
                        + conname + " on table " + tname + " requires it")
                        .withHint("You can drop constraint " + conname + " on table " + tname + " instead.");
                }
            }
            dropIndex(st, store, oid);
        }
        return "DROP INDEX";
    }

    /** An index's name as a relation (the relation cache has no indexes): for name clash checks. */
    record IndexName(String schema, String name) implements Relation {
        @Override public List<Relation.Column> columns() { return List.of(); }
    }

    /** The index of that name in that namespace as an {@link IndexName}, or null. */
    static Relation indexNamed(StorageTransaction st, long namespace, String schema, String name) {
        CatalogStore.Entry e = new CatalogStore(st.services().heap(), st.transaction()).findClass(namespace, name,
            st.freshSnapshot());
        return e != null && ((TextValue) e.row()[CatalogTables.CLASS_RELKIND]).value().equals("i")
            ? new IndexName(schema, name) : null;
    }

    /** DROP TABLE / SEQUENCE / VIEW naming an index: 42809 "\"i\" is not a table" (RemoveRelations' DropErrorMsgWrongType). */
    void refuseIndex(StorageTransaction st, Statement.RangeVar rv, String noun) {
        CatalogStore.Entry e = findRelation(st, new CatalogStore(st.services().heap(), st.transaction()), rv);
        if (e != null && ((TextValue) e.row()[CatalogTables.CLASS_RELKIND]).value().equals("i")) {
            throw DatabaseException.error("42809", "\"" + rv.name() + "\" is not a " + noun)
                .withHint("Use DROP INDEX to remove an index.");
        }
    }

    CatalogStore.Entry findRelation(StorageTransaction st, CatalogStore store, Statement.RangeVar rv) {
        if (rv.schema() != null) {
            long nsp = session.relcache().namespaceOid(rv.schema(), st);
            return nsp < 0 ? null : store.findClass(nsp, rv.name(), st.freshSnapshot());
        }
        for (long nsp : session.relcache().searchPath(st, session.currentUserName())) {
            CatalogStore.Entry e = store.findClass(nsp, rv.name(), st.freshSnapshot());
            if (e != null) {
                return e;
            }
        }
        return null;
    }

    /** Removes an index's pg_class and pg_index rows; its file goes at commit. */
    static void dropIndex(StorageTransaction st, CatalogStore store, long oid) {
        StorageServices services = st.services();
        Transaction tx = st.transaction();
        st.catalogChanged();
        Snapshot snapshot = st.freshSnapshot();
        CatalogStore.Entry cls = store.findClassByOid(oid, snapshot);
        if (cls != null) {
            store.delete(CatalogTables.PG_CLASS, cls.tid());
            CommentCommands.deleteFor(store, oid, CatalogTables.PG_CLASS_OID, st);
            RelFileLocator loc = new RelFileLocator(CatalogTables.DB_OID,
                ((OidValue) cls.row()[CatalogTables.CLASS_RELFILENODE]).value());
            IndexAccess access = services.indexes();
            tx.onEnd(committed -> {
                if (committed && access != null) {
                    access.drop(loc);
                }
            });
        }
        store.deleteWhere(CatalogTables.PG_INDEX, IndexCatalog.IND_RELID, oid, snapshot);
        tx.commandCounterIncrement();
    }

    /** RENAME COLUMN: the stored index expressions and predicates (pg_index.indexprs / indpred) name it anew. */
    static void renameColumnInIndexes(StorageTransaction st, CatalogStore store, long tableOid, String from, String to) {
        for (CatalogStore.Entry e : store.rowsWhere(CatalogTables.PG_INDEX, IndexCatalog.IND_TABLE, tableOid,
            st.freshSnapshot())) {
            String exprs = IndexCatalog.text(e.row(), IndexCatalog.IND_EXPRS);
            String pred = IndexCatalog.text(e.row(), IndexCatalog.IND_PRED);
            if (exprs == null && pred == null) {
                continue;
            }
            Value[] row = e.row().clone();
            row[IndexCatalog.IND_EXPRS] = exprs == null ? null
                : TextValue.text(org.tuskdb.sql.internal.parser.Identifiers.rename(exprs, from, to));
            row[IndexCatalog.IND_PRED] = pred == null ? null
                : TextValue.text(org.tuskdb.sql.internal.parser.Identifiers.rename(pred, from, to));
            store.update(CatalogTables.PG_INDEX, e.tid(), row);
        }
    }

    /**
     * DROP COLUMN: the indexes on it go with it (PostgreSQL's automatic dependency): a key column
     * of attnum {@code attnum}, or an expression or predicate naming the column.
     */
    static void dropColumnIndexes(StorageTransaction st, CatalogStore store, long tableOid, String column, int attnum) {
        for (CatalogStore.Entry e : store.rowsWhere(CatalogTables.PG_INDEX, IndexCatalog.IND_TABLE, tableOid,
            st.freshSnapshot())) {
            Value[] r = e.row();
            boolean uses = false;
            for (int k : IndexCatalog.keys(r)) {
                uses |= k == attnum;
            }
            for (String text : new String[] {IndexCatalog.text(r, IndexCatalog.IND_EXPRS),
                IndexCatalog.text(r, IndexCatalog.IND_PRED)}) {
                uses |= text != null && org.tuskdb.sql.internal.parser.Identifiers.mentions(text, column);
            }
            if (uses) {
                dropIndex(st, store, ((OidValue) r[IndexCatalog.IND_RELID]).value());
            }
        }
    }

    /** DROP TABLE: the table's indexes go with it (called before its own rows are deleted). */
    static void dropTableIndexes(StorageTransaction st, long tableOid) {
        CatalogStore store = new CatalogStore(st.services().heap(), st.transaction());
        for (CatalogStore.Entry e : store.rowsWhere(CatalogTables.PG_INDEX, IndexCatalog.IND_TABLE, tableOid,
            st.freshSnapshot())) {
            dropIndex(st, store, ((OidValue) e.row()[IndexCatalog.IND_RELID]).value());
        }
    }

    /**
     * TRUNCATE: every index of the table gets a new, empty file (pg_class.relfilenode updated,
     * the old file removed at commit, the new one at abort), like the table itself.
     */
    static void truncateTableIndexes(StorageTransaction st, long tableOid) {
        StorageServices services = st.services();
        Transaction tx = st.transaction();
        CatalogStore store = new CatalogStore(services.heap(), tx);
        for (CatalogStore.Entry e : store.rowsWhere(CatalogTables.PG_INDEX, IndexCatalog.IND_TABLE, tableOid,
            st.freshSnapshot())) {
            long oid = ((OidValue) e.row()[IndexCatalog.IND_RELID]).value();
            CatalogStore.Entry cls = store.findClassByOid(oid, st.freshSnapshot());
            if (cls == null) {
                continue;
            }
            newIndexFile(st, store, cls, IndexMaintenance.requireIndexes(services));
        }
    }

    /**
     * A new, empty file for the index of pg_class row {@code cls}, its relfilenode from now on:
     * the old file is dropped at commit, the new one at abort. Returns the new file.
     */
    private static RelFileLocator newIndexFile(StorageTransaction st, CatalogStore store, CatalogStore.Entry cls,
                                               IndexAccess access) {
        long node = st.services().transactions().newOid();
        RelFileLocator fresh = new RelFileLocator(CatalogTables.DB_OID, node);
        RelFileLocator old = new RelFileLocator(CatalogTables.DB_OID,
            ((OidValue) cls.row()[CatalogTables.CLASS_RELFILENODE]).value());
        access.create(fresh);
        st.transaction().onEnd(committed -> access.drop(committed ? old : fresh));
        Value[] row = cls.row().clone();
        row[CatalogTables.CLASS_RELFILENODE] = OidValue.oid(node);
        store.update(CatalogTables.PG_CLASS, cls.tid(), row);
        return fresh;
    }
}
