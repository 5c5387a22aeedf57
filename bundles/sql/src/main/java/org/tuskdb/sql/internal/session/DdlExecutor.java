package org.tuskdb.sql.internal.session;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.tuskdb.api.DatabaseException;
import org.tuskdb.api.SqlState;
import org.tuskdb.api.storage.BufferPool;
import org.tuskdb.api.storage.ForkNumber;
import org.tuskdb.api.storage.RelFileLocator;
import org.tuskdb.api.storage.RelationStorage;
import org.tuskdb.api.xact.LockMode;
import org.tuskdb.api.xact.LockTag;
import org.tuskdb.api.xact.Transaction;
import org.tuskdb.sql.internal.analyze.Analyzer;
import org.tuskdb.sql.internal.analyze.ParamTypes;
import org.tuskdb.sql.internal.analyze.ParseState;
import org.tuskdb.sql.internal.ast.Statement;
import org.tuskdb.sql.internal.catalog.CatalogStore;
import org.tuskdb.sql.internal.catalog.CatalogTables;
import org.tuskdb.sql.internal.expr.Expression;
import org.tuskdb.sql.internal.catalog.Relation;
import org.tuskdb.sql.internal.catalog.SystemView;
import org.tuskdb.sql.internal.catalog.SequenceDescriptor;
import org.tuskdb.sql.internal.catalog.ViewDescriptor;
import org.tuskdb.sql.internal.catalog.TableDescriptor;
import org.tuskdb.sql.internal.catalog.RelationCache;
import org.tuskdb.sql.internal.analyze.StoredExpressions;
import org.tuskdb.sql.internal.value.TextValue;
import org.tuskdb.sql.internal.storage.StorageContext;
import org.tuskdb.sql.internal.storage.StorageServices;
import org.tuskdb.sql.internal.value.OidValue;
import org.tuskdb.sql.internal.value.Value;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * CREATE TABLE, DROP TABLE, TRUNCATE and CHECKPOINT (PostgreSQL's heap_create_with_catalog,
 * RemoveRelations, ExecuteTruncate). Catalog rows are written through the heap in the session's
 * transaction; files are created at once (WAL-logged) and removed at transaction end: a dropped
 * table's file, or a truncated table's old file, at commit; a new file (CREATE, TRUNCATE) at
 * abort. Every change marks the catalog changed, which bumps the invalidation counter at commit.
 */
final class DdlExecutor {
    private static final Logger LOG = LoggerFactory.getLogger(DdlExecutor.class);
    private final Session session;

    DdlExecutor(Session session) {
        this.session = session;
    }

    private StorageTransaction storage(String command) {
        StorageTransaction st = session.storage();
        st.requireTables();
        Transaction tx = st.transaction();
        if (tx.readOnly()) {
            throw DatabaseException.error("25006", "cannot execute " + command + " in a read-only transaction");
        }
        return st;
    }

    // ---- CREATE TABLE ---------------------------------------------------------------------

    private ParseState parseState() {
        return new ParseState(session.currentQuery(), session.services().functions(),
            session.typeLookup(), ParamTypes.none());
    }

    /** The ParseState DDL analyzes in (the statement's text, the session's user types). */
    ParseState parseStateFor() {
        return parseState();
    }

    /** A relation of the given columns, for analyzing CHECK constraints before the table exists. */
    record Columns(String schema, String name, List<Relation.Column> columns) implements Relation {}

    /**
     * The namespace a CREATE puts {@code rv} in: its schema (3F000 if missing; pg_catalog refused),
     * this session's temporary namespace for TEMP, else the first existing schema of search_path.
     */
    long creationNamespace(StorageTransaction st, Statement.RangeVar rv, boolean temporary, ParseState ps) {
        if (temporary) {
            if (rv.schema() != null && !rv.schema().equals("pg_temp")) {
                throw DatabaseException.atPosition("42P16", "cannot create temporary relation in non-temporary schema",
                    ps.position(rv.location()));
            }
            return tempNamespace(st);
        }
        if (rv.schema() == null) {
            return session.checkCreateIn(session.relcache().creationNamespace(st, session.currentUserName(),
                ps.position(rv.location())), ps.position(rv.location()));
        }
        if (rv.schema().equals("pg_catalog")) {
            throw DatabaseException.error(SqlState.INSUFFICIENT_PRIVILEGE,
                "permission denied to create \"pg_catalog." + rv.name() + "\"")
                .withDetail("System catalog modifications are currently disallowed.");
        }
        if (rv.schema().equals("pg_temp")) {
            return tempNamespace(st);
        }
        long nsp = session.relcache().namespaceOid(rv.schema(), st);
        if (nsp < 0) {
            throw DatabaseException.atPosition("3F000", "schema \"" + rv.schema() + "\" does not exist",
                ps.position(rv.location()));
        }
        return session.checkCreateIn(nsp, ps.position(rv.location()));
    }

    /** This session's pg_temp_N, created in the current transaction on first use (forgotten if it aborts). */
    private long tempNamespace(StorageTransaction st) {
        long existing = session.relcache().tempNamespace();
        if (existing >= 0) {
            return existing;
        }
        String name = "pg_temp_" + session.startup().backendPid();
        Transaction tx = st.transaction();
        CatalogStore store = new CatalogStore(st.services().heap(), tx);
        long oid = store.namespaceOid(name, st.freshSnapshot());
        if (oid >= 0) {
            // left behind by an earlier session with this id that did not end cleanly
            dropNamespaceContents(st, oid);
        } else {
            oid = st.services().transactions().newOid();
            store.insert(CatalogTables.PG_NAMESPACE, CatalogTables.namespaceRow(oid, name, CatalogTables.SUPERUSER_OID));
        }
        st.catalogChanged();
        long created = oid;
        session.relcache().setTempNamespace(created);
        tx.onEnd(committed -> {
            if (!committed && session.relcache().tempNamespace() == created) {
                session.relcache().setTempNamespace(-1);
            }
        });
        tx.commandCounterIncrement();
        return oid;
    }

    Relation existingRelation(StorageTransaction st, long namespace, String name) {
        lockName(st, namespace, name);
        return existing(st, namespace, name);
    }

    /** Drops every relation of a namespace (a temporary one at session end, or one left behind). */
    void dropNamespaceContents(StorageTransaction st, long namespace) {
        CatalogStore store = new CatalogStore(st.services().heap(), st.transaction());
        for (CatalogStore.Entry m : SchemaCommands.members(st, store, namespace, st.freshSnapshot())) {
            long rel = ((OidValue) m.row()[CatalogTables.CLASS_OID]).value();
            st.lockRelation(rel, LockMode.ACCESS_EXCLUSIVE);
            dropRelation(st, rel, true, null);
        }
    }

    /** The relation of that name in that namespace (nothing locked), or null. */
    private Relation existing(StorageTransaction st, long namespace, String name) {
        String schema = session.relcache().namespaceName(namespace, st);
        Relation r = schema == null ? null : session.relcache().lookup(schema, name, null, 0, true, st);
        return r != null || schema == null ? r : IndexCommands.indexNamed(st, namespace, schema, name);
    }

    private void lockName(StorageTransaction st, long namespace, String name) {
        // Concurrent CREATEs of one name serialize on this lock (PostgreSQL has pg_class's unique index).
        st.lock(new LockTag(LockTag.Kind.OBJECT, CatalogTables.DB_OID, CatalogTables.PG_CLASS_OID,
            (name.hashCode() * 31L + namespace) & 0xffff_ffffL), LockMode.ACCESS_EXCLUSIVE);
    }

    private static DatabaseException skipping(String what) {
        return new DatabaseException(DatabaseException.Severity.NOTICE, "42P07", what + ", skipping", null, null, 0,
            null);
    }

    String createTable(Statement.CreateTable stmt, StatementContext ctx) {
        Statement.CreateTable s = stmt;
        if (s.partitionOf() != null) {
            // a partition has its parent's columns, defaults, CHECK constraints and indexes
            Statement.RangeVar parent = s.partitionOf().parent();
            List<Statement.TableLike> likes = new ArrayList<>(s.likes());
            likes.add(0, new Statement.TableLike(new Statement.RangeVar(parent.schema(), parent.name(), null,
                parent.location()), Statement.TableLike.LIKE_DEFAULTS | Statement.TableLike.LIKE_CONSTRAINTS
                | Statement.TableLike.LIKE_GENERATED | Statement.TableLike.LIKE_INDEXES, 0, parent.location()));
            s = s.withDefinitions(s.columns(), s.constraints(), likes);
        }
        if (s.likes().isEmpty()) {
            if (temporaryTarget(s.table(), s.temporary())) {
                Statement.CreateTable plain = s;
                return session.storage().temporaryDdl(() -> createTable(plain, ctx, parseState()));
            }
            return createTable(s, ctx, parseState());
        }
        ParseState ps = parseState();
        TableLikeExpansion.Expanded x = TableLikeExpansion.expand(session, storage("CREATE TABLE"), s, ps);
        String tag = createTable(x.statement(), ctx, ps);
        if (!skippedExisting) {
            x.rest().finish(s.table(), ctx, this);
        }
        return tag;
    }

    /** Whether the last {@link #createTable} found the table existing (IF NOT EXISTS) and did nothing. */
    private boolean skippedExisting;

    private String createTable(Statement.CreateTable s, StatementContext ctx, ParseState ps) {
        StorageTransaction st = storage("CREATE TABLE");
        Statement.RangeVar rv = s.table();
        skippedExisting = false;
        long namespace = creationNamespace(st, rv, s.temporary(), ps);
        boolean temporary = s.temporary() || namespace == session.relcache().tempNamespace();
        if (s.onCommit() != null && !temporary) {
            throw DatabaseException.error("42P16", "ON COMMIT can only be used on temporary tables");
        }
        currentTable = rv.name();
        currentNamespace = namespace;
        serialSequences.clear();
        List<Relation.Column> columns = new ArrayList<>();
        Set<String> names = new HashSet<>();
        List<Statement.ColumnDef> defs = new ArrayList<>();
        for (Statement.ColumnDef c : s.columns()) {
            if (!names.add(c.name())) {
                // no position: PostgreSQL's MergeAttributes reports none
                throw DatabaseException.error("42701", "column \"" + c.name() + "\" specified more than once");
            }
            Statement.ColumnDef d = serialColumn(c);
            defs.add(d);
            columns.add(Analyzer.columnType(d, ps));
        }
        for (Statement.ColumnDef c : s.columns()) {
            checkNotSystemColumn(c.name()); // after names and types, as heap_create_with_catalog's check
        }
        if (columns.size() > 1600) {
            throw DatabaseException.error("54011", "tables can have at most 1600 columns");
        }
        String reloptions = reloptions(s.options());
        lockName(st, namespace, rv.name());
        if (existing(st, namespace, rv.name()) != null) {
            if (!s.ifNotExists()) {
                throw DatabaseException.error("42P07", "relation \"" + rv.name() + "\" already exists");
            }
            ctx.notice(skipping("relation \"" + rv.name() + "\" already exists"));
            skippedExisting = true;
            return "CREATE TABLE";
        }
        StorageServices services = st.services();
        Transaction tx = st.transaction();
        st.catalogChanged();
        long oid = services.transactions().newOid();
        RelFileLocator loc = new RelFileLocator(CatalogTables.DB_OID, oid);
        st.lockRelation(oid, LockMode.ACCESS_EXCLUSIVE);
        createFile(services, tx, loc);
        boolean[] notNull = new boolean[columns.size()];
        for (int i = 0; i < defs.size(); i++) {
            notNull[i] = defs.get(i).notNull() || defs.get(i).identity() != null;
        }
        // constraints: column ones first, then table ones, named as PostgreSQL names them
        List<Statement.ConstraintDef> constraints = new ArrayList<>();
        for (Statement.ColumnDef d : defs) {
            constraints.addAll(d.constraints());
        }
        constraints.addAll(s.constraints());
        Columns rel = new Columns(session.relcache().namespaceName(namespace, st), rv.name(), columns);
        boolean[] generated = new boolean[defs.size()];
        for (int i = 0; i < generated.length; i++) {
            generated[i] = defs.get(i).generated();
        }
        for (int i = 0; i < generated.length; i++) {
            if (generated[i]) {
                checkGeneration(defs.get(i), rel, generated, columns.get(i), ps);
            }
        }
        for (Statement.ConstraintDef c : constraints) {
            if (c.kind() == Statement.ConstraintKind.PRIMARY_KEY) {
                for (String col : c.columns()) {
                    int i = columnIndex(columns, col, c, ps);
                    if (defs.get(i).explicitNull()) {
                        throw DatabaseException.atPosition("42601",
                            "conflicting NULL/NOT NULL declarations for column \"" + col + "\" of table \""
                                + rv.name() + "\"", ps.position(c.location()));
                    }
                    notNull[i] = true;
                }
            }
        }
        CatalogStore store = new CatalogStore(services.heap(), tx);
        org.tuskdb.sql.internal.value.Value[] classRow = CatalogTables.classRow(oid, rv.name(), namespace, oid,
            columns.size(), reloptions, "r", s.temporary() || namespace == session.relcache().tempNamespace() ? "t"
                : s.unlogged() ? "u" : "p", session.currentUserOid());
        classRow[CatalogTables.CLASS_RELACL] = PrivilegeCommands.initialAcl(st, "TABLE", session.currentUserOid(),
            namespace);
        partitioning(s, classRow, columns, rv.name(), ps, ctx);
        store.insert(CatalogTables.PG_CLASS, classRow);
        for (int i = 0; i < columns.size(); i++) {
            Statement.ColumnDef c = defs.get(i);
            store.insert(CatalogTables.PG_ATTRIBUTE, CatalogTables.attributeRow(oid, i + 1, columns.get(i), notNull[i],
                c.defaultText() != null, c.identity(), c.generated()));
            if (c.defaultText() != null) {
                store.insert(CatalogTables.PG_ATTRDEF, CatalogTables.attrdefRow(services.transactions().newOid(), oid,
                    i + 1, c.defaultText()));
            }
        }
        List<String> taken = new ArrayList<>();
        for (Statement.ConstraintDef c : constraints) {
            if (c.kind() != Statement.ConstraintKind.FOREIGN_KEY) {
                addConstraint(st, store, oid, namespace, rel, c, taken, ps);
            }
        }
        tx.commandCounterIncrement();
        // FOREIGN KEYs after the table's own keys, so one may reference the table itself (PostgreSQL
        // adds them after the table and its indexes exist, too)
        if (constraints.stream().anyMatch(c -> c.kind() == Statement.ConstraintKind.FOREIGN_KEY)) {
            session.relcache().invalidateLocal();
            for (Statement.ConstraintDef c : constraints) {
                if (c.kind() == Statement.ConstraintKind.FOREIGN_KEY) {
                    addConstraint(st, store, oid, namespace, rel, c, taken, ps, true);
                }
            }
            tx.commandCounterIncrement();
        }
        // serial and identity columns get their sequences, owned by the column
        for (int i = 0; i < defs.size(); i++) {
            Statement.ColumnDef c = defs.get(i);
            String seqName = serialSequences.get(c);
            if (seqName != null || c.identity() != null) {
                String name = seqName != null ? seqName : chooseRelationName(st, namespace, rv.name(), c.name(), "seq");
                sequences().createSequence(st, namespace, name, s.temporary(), columns.get(i).type(),
                    c.identityOptions() != null ? c.identityOptions() : Statement.SequenceOptions.NONE, oid, i + 1,
                    c.identity() != null ? "i" : "a", ps);
            }
        }
        serialSequences.clear();
        tx.commandCounterIncrement();
        // Emptied again now that the new rows are visible: what was looked up since the first
        // emptying (a PARTITION OF's parent, with its partitions before this one) is stale, and
        // the next statement of this transaction must not route by it.
        session.relcache().invalidateLocal();
        if (s.onCommit() != null && s.onCommit() != Statement.OnCommit.PRESERVE_ROWS) {
            session.onCommit.register(oid, s.onCommit());
        }
        return "CREATE TABLE";
    }

    private final java.util.Map<Statement.ColumnDef, String> serialSequences = new java.util.IdentityHashMap<>();

    /**
     * PARTITION BY (relkind p, pg_class.relpartkey) and PARTITION OF (relpartparent, relpartbound:
     * the parent locked ACCESS EXCLUSIVE, as PostgreSQL's DefineRelation locks it) of a new table's pg_class row.
     */
    private void partitioning(Statement.CreateTable s, org.tuskdb.sql.internal.value.Value[] classRow,
                              List<Relation.Column> columns, String name, ParseState ps, StatementContext ctx) {
        if (s.partitionBy() != null) {
            org.tuskdb.sql.internal.catalog.PartitionKey key = PartitionCommands.key(s.partitionBy(), columns, ps);
            requirePartitionKey(s, key, name);
            classRow[CatalogTables.CLASS_RELKIND] = org.tuskdb.sql.internal.value.TextValue.text("p");
            classRow[CatalogTables.CLASS_RELPARTKEY] = org.tuskdb.sql.internal.value.TextValue.text(
                PartitionCommands.stored(key));
        }
        if (s.partitionOf() != null) {
            Statement.RangeVar prv = s.partitionOf().parent();
            Relation r = session.relcache().lookup(prv.schema(), prv.name(), LockMode.ACCESS_EXCLUSIVE,
                ps.position(prv.location()), false, session.storage());
            if (!(r instanceof TableDescriptor parent) || !parent.partitioned()) {
                throw DatabaseException.error("42P17", "\"" + prv.name() + "\" is not partitioned");
            }
            org.tuskdb.sql.internal.catalog.PartitionBound bound = PartitionCommands.bound(s.partitionOf().bound(),
                parent, name, ps, ctx);
            if (!bound.isDefault()) {
                PartitionAttachCommands.checkDefault(session.storage(), parent, bound, ctx);
            }
            classRow[CatalogTables.CLASS_RELPARTPARENT] = org.tuskdb.sql.internal.value.OidValue.oid(parent.oid());
            classRow[CatalogTables.CLASS_RELPARTBOUND] = org.tuskdb.sql.internal.value.TextValue.text(bound.text());
        }
    }

    /**
     * CREATE TABLE ... PARTITION BY with PRIMARY KEY / UNIQUE constraints: each must hold every key
     * column (see {@link IndexCommands#requirePartitionKey}); column constraints first, then the table's,
     * as transformCreateStmt lists the indexes it makes.
     */
    private static void requirePartitionKey(Statement.CreateTable s, org.tuskdb.sql.internal.catalog.PartitionKey key,
                                            String table) {
        List<Statement.ConstraintDef> keys = new ArrayList<>();
        List<List<String>> columnsOf = new ArrayList<>();
        for (Statement.ColumnDef c : s.columns()) {
            for (Statement.ConstraintDef d : c.constraints() == null ? List.<Statement.ConstraintDef>of() : c.constraints()) {
                keys.add(d);
                columnsOf.add(d.columns() == null || d.columns().isEmpty() ? List.of(c.name()) : d.columns());
            }
        }
        for (Statement.ConstraintDef d : s.constraints() == null ? List.<Statement.ConstraintDef>of() : s.constraints()) {
            keys.add(d);
            columnsOf.add(d.columns());
        }
        for (int i = 0; i < keys.size(); i++) {
            Statement.ConstraintKind kind = keys.get(i).kind();
            if (kind != Statement.ConstraintKind.PRIMARY_KEY && kind != Statement.ConstraintKind.UNIQUE) {
                continue;
            }
            for (String k : key.names()) {
                if (!columnsOf.get(i).contains(k)) {
                    throw IndexCommands.partitionKeyMissing(
                        kind == Statement.ConstraintKind.PRIMARY_KEY ? "PRIMARY KEY" : "UNIQUE", table, k);
                }
            }
        }
    }

    /**
     * A stored generated column's expression as CREATE TABLE and ADD COLUMN store it: analyzed
     * over {@code rel} (whose {@code generated} columns it may not read) and immutable (42P17).
     */
    static void checkGeneration(Statement.ColumnDef d, Relation rel, boolean[] generated, Relation.Column column,
                                ParseState ps) {
        Expression e = StoredExpressions.generation(d.defaultExpr(), rel, generated, column, ps).expr();
        IndexCommands.requireImmutable(e, "column generation expression",
            () -> DatabaseException.error("42P17", "generation expression is not immutable"));
    }

    /**
     * serial / bigserial / smallserial (PostgreSQL's transformColumnDefinition): the integer type,
     * NOT NULL, DEFAULT nextval of a sequence named table_column_seq that the column owns.
     */
    private Statement.ColumnDef serialColumn(Statement.ColumnDef c) {
        org.tuskdb.sql.internal.ast.TypeName t = c.type();
        String base = switch (t.names().size() == 1 || (t.names().size() == 2 && t.names().get(0).equals("pg_catalog"))
            ? t.name() : "") {
            case "serial", "serial4" -> "int4";
            case "bigserial", "serial8" -> "int8";
            case "smallserial", "serial2" -> "int2";
            default -> null;
        };
        if (base == null) {
            return c;
        }
        if (c.defaultExpr() != null) {
            throw DatabaseException.error("42601", "multiple default values specified for column \"" + c.name()
                + "\" of table \"" + currentTable + "\"");
        }
        StorageTransaction st = session.storage();
        long namespace = currentNamespace;
        String seq = chooseRelationName(st, namespace, currentTable, c.name(), "seq");
        String schema = session.relcache().namespaceName(namespace, st);
        String text = "nextval('" + (schema.startsWith("pg_temp") ? "" : RelationCache.quoteIdent(schema) + ".")
            + RelationCache.quoteIdent(seq).replace("'", "''") + "')";
        Statement.ColumnDef d = new Statement.ColumnDef(c.name(), new org.tuskdb.sql.internal.ast.TypeName(
            List.of(base), List.of(), null, t.location()), true, null, text, c.location(), c.constraints(), null,
            false, null);
        serialSequences.put(d, seq);
        return d;
    }

    /** For ALTER TABLE ADD COLUMN: serial columns of that table. */
    void prepareSerial(String table, long namespace) {
        currentTable = table;
        currentNamespace = namespace;
        serialSequences.clear();
    }

    Statement.ColumnDef serialColumnOf(Statement.ColumnDef c) {
        return serialColumn(c);
    }

    /** The sequence name a serial column (as {@link #serialColumnOf} made it) gets, or null. */
    String serialSequenceOf(Statement.ColumnDef d) {
        return serialSequences.get(d);
    }

    TriggerCommands triggers() {
        return new TriggerCommands(session, this);
    }

    /**
     * reportDependentObjects' NOTICE for what a CASCADE drops: "drop cascades to X", or "drop
     * cascades to N other objects" with one DETAIL line per object.
     */
    static DatabaseException cascadeNotice(List<String> lines) {
        String message;
        String detail = null;
        if (lines.size() == 1) {
            message = "drop cascades to " + lines.get(0);
        } else {
            message = "drop cascades to " + lines.size() + " other objects";
            StringBuilder b = new StringBuilder();
            for (String line : lines) {
                b.append(b.isEmpty() ? "" : "\n").append("drop cascades to ").append(line);
            }
            detail = b.toString();
        }
        return new DatabaseException(DatabaseException.Severity.NOTICE, SqlState.SUCCESSFUL_COMPLETION, message, detail,
            null, 0, null);
    }

    /** CREATE / ALTER / DROP TYPE and DOMAIN. */
    TypeCommands types() {
        return new TypeCommands(session, this);
    }

    /** The session's storage for a catalog-changing command (25006 in a read-only transaction). */
    StorageTransaction storageFor(String command) {
        return storage(command);
    }

    String createFunction(Statement.CreateFunction s) {
        return new FunctionCommands(session, this).createFunction(s, storage("CREATE FUNCTION"));
    }

    String alterFunctionOwner(Statement.AlterFunctionOwner a, StatementContext ctx) {
        return new FunctionCommands(session, this).alterOwner(a, storage("ALTER FUNCTION"), ctx);
    }

    String dropFunctions(Statement.DropFunction d, StatementContext ctx) {
        return new FunctionCommands(session, this).dropFunctions(d, storage("DROP FUNCTION"), ctx);
    }

    String createView(Statement.CreateView s, StatementContext ctx) {
        if (s.temporary()) {
            return session.storage().temporaryDdl(
                () -> new ViewCommands(session, this).createView(s, storage("CREATE VIEW"), parseState(), ctx));
        }
        return new ViewCommands(session, this).createView(s, storage("CREATE VIEW"), parseState(), ctx);
    }

    /**
     * COMMENT ON TABLE / VIEW / SEQUENCE / COLUMN / SCHEMA / EXTENSION: one pg_description row per
     * object (objsubid = attnum for a column); NULL or '' removes it. The other kinds of object are
     * {@link CommentCommands}'.
     */
    String comment(Statement.CommentOn s, StatementContext ctx) {
        StorageTransaction st = storage("COMMENT");
        if (CommentCommands.handles(s.kind())) {
            return new CommentCommands(session, this).comment(s, st, ctx);
        }
        List<String> n = s.names();
        long objoid;
        long classoid = CatalogTables.PG_CLASS_OID;
        int subid = 0;
        if (s.kind().equals("SCHEMA")) {
            objoid = session.relcache().namespaceOid(n.get(0), st);
            if (objoid < 0) {
                throw DatabaseException.error("3F000", "schema \"" + n.get(0) + "\" does not exist");
            }
            classoid = CatalogTables.PG_NAMESPACE_OID;
        } else if (s.kind().equals("EXTENSION")) {
            objoid = new ExtensionCommands(session, this).extensionOid(st, n.get(0), false);
            classoid = CatalogTables.PG_EXTENSION_OID;
        } else {
            boolean column = s.kind().equals("COLUMN");
            if (column && n.size() < 2) {
                throw DatabaseException.error(SqlState.SYNTAX_ERROR, "column name must be qualified");
            }
            int rel = column ? n.size() - 2 : n.size() - 1;
            String schema = rel > 0 ? n.get(rel - 1) : null;
            Relation r = session.relcache().lookup(schema, n.get(rel), LockMode.SHARE_UPDATE_EXCLUSIVE, 0, false, st);
            String actual = r instanceof TableDescriptor || r instanceof SequenceDescriptor || r instanceof ViewDescriptor
                ? kindWord(r) : "VIEW";
            if (!column && !actual.equals(s.kind())) {
                throw DatabaseException.error("42809", "\"" + r.name() + "\" is not a "
                    + s.kind().toLowerCase(java.util.Locale.ROOT));
            }
            objoid = RelationCache.oidOf(r);
            if (objoid == 0) {
                throw DatabaseException.error(SqlState.INSUFFICIENT_PRIVILEGE, "must be owner of relation " + r.name());
            }
            if (column) {
                String col = n.get(n.size() - 1);
                CatalogStore store = new CatalogStore(st.services().heap(), st.transaction());
                for (CatalogStore.Entry a : store.attributes(objoid, st.freshSnapshot())) {
                    if (((TextValue) a.row()[CatalogTables.ATT_NAME]).value().equals(col)
                        && !((org.tuskdb.sql.internal.value.BoolValue) a.row()[CatalogTables.ATT_DROPPED]).value()) {
                        subid = (int) ((org.tuskdb.sql.internal.value.IntegerValue) a.row()[CatalogTables.ATT_NUM]).value();
                    }
                }
                if (subid == 0) {
                    throw DatabaseException.error(SqlState.UNDEFINED_COLUMN, "column \"" + col + "\" of relation \""
                        + r.name() + "\" does not exist");
                }
            }
        }
        CommentCommands.store(st, objoid, classoid, subid, s.comment());
        return "COMMENT";
    }

    /**
     * At session end: this session's temporary relations and its pg_temp_N namespace go, in a
     * transaction of their own (PostgreSQL's RemoveTempRelationsCallback).
     */
    /**
     * Whether CREATE TABLE makes a table in this session's temporary schema (TEMP, or pg_temp.x,
     * or an unqualified name while pg_temp comes first in search_path is not considered: PostgreSQL
     * creates those in the first permanent schema).
     */
    private static boolean temporaryTarget(Statement.RangeVar rv, boolean temporary) {
        return temporary || "pg_temp".equals(rv.schema());
    }

    void dropTemporaryObjects() {
        session.storage().temporaryDdl(() -> {
            dropTemporaryObjectsNow();
            return null;
        });
    }

    private void dropTemporaryObjectsNow() {
        long nsp = session.relcache().tempNamespace();
        if (nsp < 0) {
            return;
        }
        StorageTransaction st = session.storage();
        dropNamespaceContents(st, nsp);
        CatalogStore store = new CatalogStore(st.services().heap(), st.transaction());
        CatalogStore.Entry row = store.namespaceByOid(nsp, st.freshSnapshot());
        if (row != null) {
            store.delete(CatalogTables.PG_NAMESPACE, row.tid());
        }
        st.catalogChanged();
        session.relcache().setTempNamespace(-1);
    }

    /**
     * Drops the pg_temp_N schemas (and their relations) of backends that are gone: a backend
     * killed or crashed cannot drop its own, and Tusk names them by pid, so they are not reused
     * the way PostgreSQL reuses a slot's (there autovacuum drops orphans). The first session end
     * of every backend runs this, each schema in a transaction of its own; a schema another
     * backend is sweeping at the same time is left to it. Returns how many were dropped.
     */
    int dropOrphanTemporarySchemas(org.tuskdb.api.shmem.ProcArray procs) {
        StorageTransaction st = session.storage();
        List<Long> orphans = new ArrayList<>();
        CatalogStore store = new CatalogStore(st.services().heap(), st.transaction());
        for (CatalogStore.Entry e : store.all(CatalogTables.PG_NAMESPACE, st.freshSnapshot())) {
            long pid = temporaryNamespacePid(((TextValue) e.row()[1]).value());
            if (pid > 0 && pid != session.startup().backendPid() && procs.find(pid) == null) {
                orphans.add(((OidValue) e.row()[0]).value());
            }
        }
        st.commit(true);
        int dropped = 0;
        for (long nsp : orphans) {
            try {
                CatalogStore s = new CatalogStore(st.services().heap(), st.transaction());
                CatalogStore.Entry row = s.namespaceByOid(nsp, st.freshSnapshot());
                if (row != null) {
                    dropNamespaceContents(st, nsp);
                    s.delete(CatalogTables.PG_NAMESPACE, row.tid());
                    st.catalogChanged();
                    dropped++;
                }
                st.commit(true);
            } catch (RuntimeException e) {
                st.abort();
                LOG.debug("left a temporary schema to another backend: {}", e.toString());
            }
        }
        return dropped;
    }

    /** N of a name pg_temp_N (digits only), or -1. */
    static long temporaryNamespacePid(String name) {
        if (!name.startsWith("pg_temp_") || name.length() == 8 || name.length() > 18) {
            return -1;
        }
        for (int i = 8; i < name.length(); i++) {
            if (name.charAt(i) < '0' || name.charAt(i) > '9') {
                return -1;
            }
        }
        return Long.parseLong(name, 8, name.length(), 10);
    }

    /** ALTER SCHEMA name OWNER TO role: nspowner (see {@link Ownership}). */
    String alterSchemaOwner(Statement.AlterSchemaOwner s, StatementContext ctx) {
        StorageTransaction st = storage("ALTER SCHEMA");
        long nsp = session.relcache().namespaceOid(s.schema(), st);
        if (nsp < 0) {
            throw DatabaseException.error("3F000", "schema \"" + s.schema() + "\" does not exist");
        }
        Ownership.changeSchemaOwner(session, st, nsp, s.schema(), session.roleNamed(s.role()));
        return "ALTER SCHEMA";
    }

    String alterTable(Statement.AlterTable s, StatementContext ctx) {
        if (s.commands().stream().allMatch(c -> c instanceof Statement.OwnerTo)) {
            // ALTER TABLE works on sequences and views too for OWNER TO (pg_dump writes it so)
            StorageTransaction st = storage("ALTER TABLE");
            Statement.RangeVar rv = s.table();
            Relation r = session.relcache().lookup(rv.schema(), rv.name(), LockMode.ACCESS_EXCLUSIVE, 0, s.ifExists(), st);
            if (r != null) {
                for (Statement.AlterCmd c : s.commands()) {
                    Ownership.changeRelationOwner(session, st, RelationCache.oidOf(r), session.roleNamed(
                        ((Statement.OwnerTo) c).role()), false);
                }
            }
            return "ALTER TABLE";
        }
        if (s.commands().size() == 1 && s.commands().get(0) instanceof Statement.RenameTable rt
            && new IndexConstraintCommands(session).renameIfIndex(s, rt)) {
            return "ALTER TABLE"; // ALTER TABLE renames an index too (as PostgreSQL)
        }
        // PostgreSQL transforms ALTER TABLE's subcommands without the query text: no error positions
        return new AlterTableExecutor(session, this, storage("ALTER TABLE"), ctx, new ParseState(null,
            session.services().functions(), session.typeLookup(), ParamTypes.none())).run(s);
    }

    private String currentTable;
    private long currentNamespace;

    /** PostgreSQL's ChooseRelationName: table_column_suffix, then with 1, 2, ... until free. */
    String chooseRelationName(StorageTransaction st, long namespace, String table, String column, String suffix) {
        String base = table + "_" + column + "_" + suffix;
        String name = base;
        for (int n = 1; existing(st, namespace, name) != null; n++) {
            name = table + "_" + column + "_" + suffix + n;
        }
        return name;
    }

    private static int columnIndex(List<Relation.Column> columns, String name, Statement.ConstraintDef c,
                                   ParseState ps) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equals(name)) {
                return i;
            }
        }
        throw DatabaseException.atPosition(SqlState.UNDEFINED_COLUMN, "column \"" + name
            + "\" named in key does not exist", ps.position(c.location()));
    }

    /**
     * Writes one constraint's pg_constraint row: CHECK analyzed against the columns (42804 if not
     * boolean); PRIMARY KEY / UNIQUE / FOREIGN KEY recorded only (their enforcement needs the
     * B-tree). Names follow ChooseConstraintName; {@code taken} holds the names already used.
     */
    void addConstraint(StorageTransaction st, CatalogStore store, long relOid, long namespace, Relation rel,
                       Statement.ConstraintDef c, List<String> taken, ParseState ps) {
        addConstraint(st, store, relOid, namespace, rel, c, taken, ps, rel instanceof Columns);
    }

    void addConstraint(StorageTransaction st, CatalogStore store, long relOid, long namespace, Relation rel,
                       Statement.ConstraintDef c, List<String> taken, ParseState ps, boolean inCreate) {
        addConstraint(st, store, relOid, namespace, rel, c, taken, ps, inCreate, null);
    }

    /** @param attnums the attnum of each of {@code rel}'s columns (null: position + 1, no dropped columns) */
    /** "partitioned" or "a partition" for such a table (from its pg_class row), else null. */
    private static String partitionRole(CatalogStore store, long oid, org.tuskdb.api.xact.Snapshot snapshot) {
        CatalogStore.Entry cls = store.findClassByOid(oid, snapshot);
        if (cls == null) {
            return null;
        }
        if (CatalogTables.partitionParent(cls.row()) != 0) {
            return "a partition";
        }
        return CatalogTables.classText(cls.row(), CatalogTables.CLASS_RELPARTKEY) != null ? "partitioned" : null;
    }

    void addConstraint(StorageTransaction st, CatalogStore store, long relOid, long namespace, Relation rel,
                       Statement.ConstraintDef c, List<String> taken, ParseState ps, boolean inCreate,
                       List<Integer> attnums) {
        List<Relation.Column> columns = rel.columns();
        String type;
        String conkey = null;
        String conbin = null;
        long confrelid = 0;
        String confkey = null;
        List<Integer> keyCols = new ArrayList<>();
        TableDescriptor fkParent = null;
        List<Integer> fkParentCols = null;
        String nameColumn;
        String suffix;
        switch (c.kind()) {
            case CHECK -> {
                type = "c";
                StoredExpressions.AnalyzedCheck a = StoredExpressions.check(c.check(), rel, ps, c.checkLocation());
                conbin = c.checkText();
                keyCols.addAll(a.columns());
                nameColumn = a.columns().size() == 1 ? columns.get(a.columns().get(0)).name() : null;
                suffix = "check";
            }
            case PRIMARY_KEY, UNIQUE -> {
                type = c.kind() == Statement.ConstraintKind.PRIMARY_KEY ? "p" : "u";
                List<String> names = new ArrayList<>();
                for (String col : c.columns()) {
                    keyCols.add(columnIndex(columns, col, c, ps));
                    names.add(col);
                }
                nameColumn = type.equals("p") ? null : String.join("_", names);
                suffix = type.equals("p") ? "pkey" : "key";
                if (rel instanceof TableDescriptor td && td.partitioned()) {
                    IndexCommands.requirePartitionKey(td, keyCols.stream().mapToInt(Integer::intValue).toArray(),
                        type.equals("p") ? "PRIMARY KEY" : "UNIQUE");
                }
                if (type.equals("p")) {
                    for (String k : taken) {
                        if (k.endsWith("\u0000p")) {
                            throw DatabaseException.atPosition("42P16", "multiple primary keys for table \""
                                + rel.name() + "\" are not allowed", ps.position(c.location()));
                        }
                    }
                }
            }
            default -> {
                type = "f";
                List<String> names = new ArrayList<>();
                for (String col : c.columns()) {
                    keyCols.add(columnIndex(columns, col, c, ps));
                    names.add(col);
                }
                Relation ref = session.relcache().lookup(c.refTable().schema(), c.refTable().name(),
                    LockMode.SHARE_ROW_EXCLUSIVE, 0, false, st);
                if (!(ref instanceof TableDescriptor rt) || rt.matview() != null) {
                    throw DatabaseException.error("42809", "referenced relation \"" + ref.name() + "\" is not a table");
                }
                // A partitioned table's key would have to be cloned to every partition and checked
                // there (PostgreSQL does); until it is, refuse rather than keep a key nothing checks.
                for (long side : new long[] {relOid, rt.oid()}) {
                    String what = partitionRole(store, side, st.freshSnapshot());
                    if (what != null) {
                        throw DatabaseException.error(SqlState.FEATURE_NOT_SUPPORTED,
                            "foreign keys on partitioned tables or partitions are not supported yet")
                            .withDetail("\"" + (side == relOid ? rel.name() : rt.name()) + "\" is " + what + ".");
                    }
                }
                confrelid = rt.oid();
                List<Integer> refCols = new ArrayList<>();
                if (c.refColumns().isEmpty()) {
                    refCols.addAll(primaryKey(st, rt));
                    if (refCols.isEmpty()) {
                        throw DatabaseException.error("42830", "there is no primary key for referenced table \""
                            + rt.name() + "\"");
                    }
                } else {
                    for (String col : c.refColumns()) {
                        int i = rt.columnIndex(col);
                        if (i < 0) {
                            throw DatabaseException.error(SqlState.UNDEFINED_COLUMN, "column \"" + col
                                + "\" referenced in foreign key constraint does not exist");
                        }
                        refCols.add(i);
                    }
                }
                if (refCols.size() != keyCols.size()) {
                    throw DatabaseException.error("42830",
                        "number of referencing and referenced columns for foreign key disagree");
                }
                if (!hasUniqueIndexOn(rt, refCols)) {
                    throw DatabaseException.error("42830", "there is no unique constraint matching given keys for "
                        + "referenced table \"" + rt.name() + "\"");
                }
                fkParent = rt;
                fkParentCols = refCols;
                List<Integer> refAttnums = new ArrayList<>();
                for (int k : refCols) {
                    refAttnums.add(rt.attnum(k) - 1);
                }
                confkey = array(refAttnums);
                nameColumn = String.join("_", names);
                suffix = "fkey";
            }
        }
        if (!keyCols.isEmpty()) {
            List<Integer> numbered = new ArrayList<>();
            for (int k : keyCols) {
                numbered.add(attnums == null ? k : attnums.get(k) - 1);
            }
            conkey = array(numbered);
        }
        String name = c.name();
        List<String> existingNames = new ArrayList<>();
        for (String k : taken) {
            existingNames.add(k.substring(0, k.indexOf('\u0000')));
        }
        if (name == null) {
            String base = rel.name() + (nameColumn == null ? "" : "_" + nameColumn) + "_" + suffix;
            name = base;
            for (int n = 1; existingNames.contains(name)
                || (!type.equals("c") && existing(st, namespace, name) != null); n++) {
                name = base + n;
            }
        } else if (existingNames.contains(name)) {
            if (inCreate && type.equals("c")) {
                throw DatabaseException.error("42710", "check constraint \"" + name + "\" already exists");
            }
            throw DatabaseException.error("42710", "constraint \"" + name + "\" for relation \"" + rel.name()
                + "\" already exists");
        }
        if (fkParent != null) {
            for (int k = 0; k < keyCols.size(); k++) {
                Relation.Column fc = columns.get(keyCols.get(k));
                Relation.Column pc = fkParent.columns().get(fkParentCols.get(k));
                if (!org.tuskdb.sql.internal.plan.ForeignKeyChecks.comparable(fc.type(), pc.type())) {
                    throw DatabaseException.error("42804", "foreign key constraint \"" + name + "\" cannot be implemented")
                        .withDetail("Key columns \"" + fc.name() + "\" and \"" + pc.name()
                            + "\" are of incompatible types: " + fc.type().displayName() + " and "
                            + pc.type().displayName() + ".");
                }
            }
        }
        taken.add(name + "\u0000" + type);
        Value[] conRow = CatalogTables.constraintRow(st.services().transactions().newOid(),
            name, namespace, type, relOid, conkey, confrelid, confkey, c.onUpdate() == null ? " " : c.onUpdate(),
            c.onDelete() == null ? " " : c.onDelete(), conbin);
        if (c.matchFull()) {
            conRow[13] = TextValue.text("f"); // confmatchtype
        }
        if (c.deferrable()) {
            conRow[4] = org.tuskdb.sql.internal.value.BoolValue.TRUE; // condeferrable
            conRow[5] = org.tuskdb.sql.internal.value.BoolValue.of(c.initiallyDeferred()); // condeferred
        }
        if (type.equals("p") || type.equals("u")) {
            conRow[9] = OidValue.oid(IndexCommands.constraintIndex(session, st, store, relOid, namespace, rel, name,
                keyCols, type.equals("p"))); // conindid
        }
        store.insert(CatalogTables.PG_CONSTRAINT, conRow);
    }

    /** Whether {@code t} has a unique index on exactly the column set {@code cols} (a FOREIGN KEY's target). */
    private static boolean hasUniqueIndexOn(TableDescriptor t, List<Integer> cols) {
        for (org.tuskdb.sql.internal.catalog.IndexDescriptor ix : t.indexes()) {
            if (!ix.unique() || !ix.plain() || ix.columns().length != cols.size()) {
                continue;
            }
            boolean all = true;
            for (int c : ix.columns()) {
                all &= cols.contains(c);
            }
            if (all) {
                return true;
            }
        }
        return false;
    }

    /** "{1,3}" from 0-based column indexes (attnums are 1-based). */
    private static String array(List<Integer> cols) {
        StringBuilder b = new StringBuilder("{");
        for (int i = 0; i < cols.size(); i++) {
            b.append(i == 0 ? "" : ",").append(cols.get(i) + 1);
        }
        return b.append('}').toString();
    }

    /** The primary key's columns (0-based positions) of a table, from pg_constraint's conkey (attnums). */
    private List<Integer> primaryKey(StorageTransaction st, TableDescriptor t) {
        CatalogStore store = new CatalogStore(st.services().heap(), st.transaction());
        for (CatalogStore.Entry e : store.rowsWhere(CatalogTables.PG_CONSTRAINT, CatalogTables.CON_RELID, t.oid(),
            st.freshSnapshot())) {
            if (((TextValue) e.row()[CatalogTables.CON_TYPE]).value().equals("p")) {
                List<Integer> out = new ArrayList<>();
                String key = ((TextValue) e.row()[CatalogTables.CON_KEY]).value();
                for (String k : key.substring(1, key.length() - 1).split(",")) {
                    out.add(t.position(Integer.parseInt(k)));
                }
                return out;
            }
        }
        return List.of();
    }

    /** Existing constraint names of a table, as addConstraint's {@code taken} list. */
    List<String> constraintNames(StorageTransaction st, long relOid) {
        CatalogStore store = new CatalogStore(st.services().heap(), st.transaction());
        List<String> out = new ArrayList<>();
        for (CatalogStore.Entry e : store.rowsWhere(CatalogTables.PG_CONSTRAINT, CatalogTables.CON_RELID, relOid,
            st.freshSnapshot())) {
            out.add(((TextValue) e.row()[CatalogTables.CON_NAME]).value() + "\u0000"
                + ((TextValue) e.row()[CatalogTables.CON_TYPE]).value());
        }
        return out;
    }

    static void createFile(StorageServices services, Transaction tx, RelFileLocator loc) {
        services.relationStorage().create(loc, ForkNumber.MAIN, true);
        tx.onEnd(committed -> {
            if (!committed) {
                removeFiles(services, loc);
            }
        });
    }

    String createExtension(Statement.CreateExtension s, StatementContext ctx) {
        return new ExtensionCommands(session, this).create(s, ctx, storage("CREATE EXTENSION"));
    }

    String dropExtension(Statement.DropExtension d, StatementContext ctx) {
        return new ExtensionCommands(session, this).drop(d, ctx, storage("DROP EXTENSION"));
    }

    String alterExtension(Statement.AlterExtension a, StatementContext ctx) {
        return new ExtensionCommands(session, this).alter(a, ctx, storage("ALTER EXTENSION"));
    }

    String createSchema(Statement.CreateSchema s, StatementContext ctx) {
        return new SchemaCommands(session, this).createSchema(s, ctx, storage("CREATE SCHEMA"));
    }

    String alterSequence(Statement.AlterSequence s, StatementContext ctx) {
        return sequences().alterSequence(s, ctx, storage("ALTER SEQUENCE"));
    }

    String createSequence(Statement.CreateSequence s, StatementContext ctx) {
        return sequences().createSequence(s, ctx, storage("CREATE SEQUENCE"), parseState());
    }

    SequenceCommands sequences() {
        return new SequenceCommands(session, this);
    }

    /** WITH (...): fillfactor is accepted (10..100) and recorded; the heap does not use it yet. */
    static String reloptions(List<String> options) {
        if (options.isEmpty()) {
            return null;
        }
        List<String> out = new ArrayList<>();
        for (String o : options) {
            int eq = o.indexOf('=');
            String name = o.substring(0, eq).toLowerCase(java.util.Locale.ROOT);
            String value = o.substring(eq + 1);
            if (!name.equals("fillfactor")) {
                throw DatabaseException.error(SqlState.INVALID_PARAMETER_VALUE, "unrecognized parameter \"" + name + "\"");
            }
            int v;
            try {
                v = Integer.parseInt(value);
            } catch (NumberFormatException e) {
                throw DatabaseException.error(SqlState.INVALID_PARAMETER_VALUE,
                    "invalid value for integer option \"fillfactor\": " + value);
            }
            if (v < 10 || v > 100) {
                throw DatabaseException.error(SqlState.INVALID_PARAMETER_VALUE,
                    "value " + value + " out of bounds for option \"fillfactor\"")
                    .withDetail("Valid values are between \"10\" and \"100\".");
            }
            out.add(name + "=" + v);
        }
        return "{" + String.join(",", out) + "}";
    }

    static void removeFiles(StorageServices services, RelFileLocator loc) {
        BufferPool pool = services.bufferPool();
        if (pool != null) {
            pool.dropRelation(loc);
        }
        RelationStorage storage = services.relationStorage();
        storage.unlink(loc, true);
    }

    // ---- DROP TABLE -----------------------------------------------------------------------

    String dropTable(Statement.DropTable s, StatementContext ctx) {
        return drop("TABLE", s.tables(), s.ifExists(), s.cascade(), ctx);
    }

    /** DROP TABLE / SEQUENCE / VIEW (RemoveRelations) and DROP SCHEMA. */
    String drop(String kind, List<Statement.RangeVar> names, boolean ifExists, boolean cascade, StatementContext ctx) {
        StorageTransaction st = storage("DROP " + kind);
        if (kind.equals("SCHEMA")) {
            return new SchemaCommands(session, this).dropSchemas(st, names, ifExists, cascade, ctx);
        }
        String noun = kind.toLowerCase(java.util.Locale.ROOT);
        droppedTogether = names;
        try {
            return dropEach(st, kind, noun, names, ifExists, cascade, ctx);
        } finally {
            droppedTogether = List.of();
        }
    }

    /**
     * The relations one DROP names: a foreign key of one of them referencing another is no
     * dependency that stops the drop (it goes with its table), as in PostgreSQL.
     */
    private List<Statement.RangeVar> droppedTogether = List.of();

    private boolean droppedTogether(CatalogStore.Entry table, StorageTransaction st) {
        String relname = ((TextValue) table.row()[CatalogTables.CLASS_RELNAME]).value();
        long ns = ((OidValue) table.row()[CatalogTables.CLASS_RELNAMESPACE]).value();
        for (Statement.RangeVar rv : droppedTogether) {
            if (rv.name().equals(relname)
                && (rv.schema() == null || session.relcache().namespaceOid(rv.schema(), st) == ns)) {
                return true;
            }
        }
        return false;
    }

    private String dropEach(StorageTransaction st, String kind, String noun, List<Statement.RangeVar> names,
                            boolean ifExists, boolean cascade, StatementContext ctx) {
        for (Statement.RangeVar rv : names) {
            boolean noSchema = rv.schema() != null && session.relcache().namespaceOid(rv.schema(), st) < 0;
            Relation r = noSchema ? null
                : session.relcache().lookup(rv.schema(), rv.name(), LockMode.ACCESS_EXCLUSIVE, 0, true, st);
            String shown = rv.schema() == null ? rv.name() : rv.schema() + "." + rv.name();
            if (r == null && !noSchema) {
                new IndexCommands(session).refuseIndex(st, rv, noun); // DROP TABLE of an index: 42809
            }
            if (r == null) {
                String what = noSchema ? "schema \"" + rv.schema() + "\"" : noun + " \"" + shown + "\"";
                if (!ifExists) {
                    throw DatabaseException.error(noSchema ? "3F000" : SqlState.UNDEFINED_TABLE, what + " does not exist");
                }
                ctx.notice(new DatabaseException(DatabaseException.Severity.NOTICE, SqlState.SUCCESSFUL_COMPLETION,
                    what + " does not exist, skipping", null, null, 0, null));
                continue;
            }
            String actual = kindWord(r);
            if (r instanceof SystemView && !(r instanceof SequenceDescriptor) && !(r instanceof ViewDescriptor)
                || !actual.equals(kind)) {
                if (r instanceof TableDescriptor t && t.systemCatalog()) {
                    throw DatabaseException.error(SqlState.INSUFFICIENT_PRIVILEGE,
                        "permission denied: \"" + t.name() + "\" is a system catalog");
                }
                String hint = switch (actual) {
                    case "SEQUENCE" -> "Use DROP SEQUENCE to remove a sequence.";
                    case "VIEW" -> "Use DROP VIEW to remove a view.";
                    case "MATERIALIZED VIEW" -> "Use DROP MATERIALIZED VIEW to remove a materialized view.";
                    default -> r instanceof SystemView ? "Use DROP VIEW to remove a view." : "Use DROP TABLE to remove a table.";
                };
                throw DatabaseException.error("42809", "\"" + r.name() + "\" is not a " + noun).withHint(hint);
            }
            if (r instanceof TableDescriptor t && t.systemCatalog()) {
                throw DatabaseException.error(SqlState.INSUFFICIENT_PRIVILEGE,
                    "permission denied: \"" + t.name() + "\" is a system catalog");
            }
            Ownership.checkRelationOwner(session, st, RelationCache.oidOf(r));
            if (r instanceof TableDescriptor t && t.partitioned()) {
                dropPartitions(st, t, cascade, ctx);
            }
            dropRelation(st, RelationCache.oidOf(r), cascade, ctx);
        }
        return "DROP " + kind;
    }

    /**
     * A partitioned table's partitions go with it (in PostgreSQL they depend on it automatically),
     * each locked first, the deepest first so that no partition outlives the table above it.
     */
    private void dropPartitions(StorageTransaction st, TableDescriptor parent, boolean cascade, StatementContext ctx) {
        for (TableDescriptor c : parent.partitioning().children()) {
            Relation locked = session.relcache().lookup(c.schema(), c.name(), LockMode.ACCESS_EXCLUSIVE, 0, true, st);
            if (locked instanceof TableDescriptor child && child.partitioned()) {
                dropPartitions(st, child, cascade, ctx);
            }
            dropRelation(st, c.oid(), cascade, ctx);
        }
    }

    /**
     * Removes a relation's catalog rows (pg_class, pg_attribute, pg_attrdef, pg_constraint,
     * pg_description, pg_sequence, pg_rewrite, pg_depend) and its file at commit; sequences owned
     * by its columns go with it; views reading it are 2BP01 unless {@code cascade} (then dropped
     * with a NOTICE).
     */
    /**
     * The views reading {@code oid} (described as {@code over}), and the views over those, depth
     * first: per view its description ("view name") and what it depends on.
     */
    private static void viewsOver(CatalogStore store, long oid, String over, org.tuskdb.api.xact.Snapshot snapshot,
                                  List<String[]> lines, java.util.Set<Long> seen) {
        List<Long> views = new ArrayList<>();
        for (CatalogStore.Entry d : store.rowsWhere(CatalogTables.PG_DEPEND, CatalogTables.DEP_REFOBJID, oid, snapshot)) {
            long dep = ((OidValue) d.row()[CatalogTables.DEP_OBJID]).value();
            if (((TextValue) d.row()[CatalogTables.DEP_TYPE]).value().equals("n") && !views.contains(dep)) {
                views.add(dep);
            }
        }
        views.sort(null);
        for (long v : views) {
            CatalogStore.Entry view = store.findClassByOid(v, snapshot);
            if (view != null && seen.add(v)) {
                String line = kindOf(view) + " " + ((TextValue) view.row()[1]).value();
                lines.add(new String[] {line, over});
                viewsOver(store, v, line, snapshot, lines, seen);
            }
        }
    }

    void dropRelation(StorageTransaction st, long oid, boolean cascade, StatementContext ctx) {
        StorageServices services = st.services();
        Transaction tx = st.transaction();
        st.catalogChanged();
        CatalogStore store = new CatalogStore(services.heap(), tx);
        org.tuskdb.api.xact.Snapshot snapshot = st.freshSnapshot();
        CatalogStore.Entry cls = store.findClassByOid(oid, snapshot);
        if (cls == null) {
            return;
        }
        if (((OidValue) cls.row()[CatalogTables.CLASS_RELNAMESPACE]).value() != session.relcache().tempNamespace()) {
            st.sharedCatalogChange(); // a permanent relation (a view over a temporary table) goes too
        }
        String relname = ((TextValue) cls.row()[1]).value();
        List<CatalogStore.Entry> dependents = store.rowsWhere(CatalogTables.PG_DEPEND, CatalogTables.DEP_REFOBJID, oid,
            snapshot);
        // what depends on it: views reading it, foreign keys of other tables referencing it
        record Dependent(long oid, String line, CatalogStore.Entry constraint) {}
        List<Dependent> deps = new ArrayList<>();
        for (CatalogStore.Entry d : dependents) {
            String type = ((TextValue) d.row()[CatalogTables.DEP_TYPE]).value();
            long dep = ((OidValue) d.row()[CatalogTables.DEP_OBJID]).value();
            CatalogStore.Entry view = type.equals("n") ? store.findClassByOid(dep, snapshot) : null;
            if (view != null && deps.stream().noneMatch(x -> x.oid() == dep)) {
                deps.add(new Dependent(dep, kindOf(view) + " " + ((TextValue) view.row()[1]).value(), null));
            }
        }
        for (CatalogStore.Entry k : store.rowsWhere(CatalogTables.PG_CONSTRAINT, CatalogTables.CON_FRELID, oid,
            snapshot)) {
            long conrel = ((OidValue) k.row()[CatalogTables.CON_RELID]).value();
            CatalogStore.Entry table = conrel == oid ? null : store.findClassByOid(conrel, snapshot);
            if (table != null && !droppedTogether(table, st)) {
                deps.add(new Dependent(((OidValue) k.row()[CatalogTables.CON_OID]).value(), "constraint "
                    + ((TextValue) k.row()[CatalogTables.CON_NAME]).value() + " on table "
                    + ((TextValue) table.row()[1]).value(), k));
            }
        }
        if (!deps.isEmpty()) {
            // in creation order, as PostgreSQL's pg_depend index usually returns them
            deps.sort(java.util.Comparator.comparingLong(Dependent::oid));
            // everything that depends on it, views over the dependent views included (depth first, as
            // findDependentObjects reports them), each with what it depends on
            List<String[]> lines = new ArrayList<>();
            java.util.Set<Long> seen = new java.util.HashSet<>();
            String self = kindOf(cls) + " " + relname;
            for (Dependent d : deps) {
                if (seen.add(d.oid())) {
                    lines.add(new String[] {d.line(), self});
                    if (d.constraint() == null) {
                        viewsOver(store, d.oid(), d.line(), snapshot, lines, seen);
                    }
                }
            }
            if (!cascade) {
                StringBuilder detail = new StringBuilder();
                for (String[] l : lines) {
                    detail.append(detail.isEmpty() ? "" : "\n").append(l[0]).append(" depends on ").append(l[1]);
                }
                throw DatabaseException.error("2BP01", "cannot drop " + self
                    + " because other objects depend on it").withDetail(detail.toString())
                    .withHint("Use DROP ... CASCADE to drop the dependent objects too.");
            }
            if (ctx != null) {
                ctx.notice(cascadeNotice(lines.stream().map(l -> l[0]).toList()));
            }
            for (Dependent d : deps) {
                if (d.constraint() != null) {
                    CommentCommands.deleteFor(store, CommentCommands.rowOid(d.constraint()),
                        CatalogTables.PG_CONSTRAINT_OID, st);
                    store.delete(CatalogTables.PG_CONSTRAINT, d.constraint().tid());
                } else {
                    dropRelation(st, d.oid(), true, null);
                }
            }
        }
        snapshot = st.freshSnapshot();
        for (CatalogStore.Entry d : store.rowsWhere(CatalogTables.PG_DEPEND, CatalogTables.DEP_REFOBJID, oid, snapshot)) {
            String type = ((TextValue) d.row()[CatalogTables.DEP_TYPE]).value();
            if (type.equals("a") || type.equals("i")) {
                dropRelation(st, ((OidValue) d.row()[CatalogTables.DEP_OBJID]).value(), true, ctx);
            }
        }
        IndexCommands.dropTableIndexes(st, oid);
        snapshot = st.freshSnapshot();
        cls = store.findClassByOid(oid, snapshot);
        store.delete(CatalogTables.PG_CLASS, cls.tid());
        for (CatalogStore.Entry a : store.attributes(oid, snapshot)) {
            store.delete(CatalogTables.PG_ATTRIBUTE, a.tid());
        }
        store.deleteWhere(CatalogTables.PG_ATTRDEF, CatalogTables.ATTRDEF_RELID, oid, snapshot);
        CommentCommands.deleteForRows(store, CatalogTables.PG_CONSTRAINT, CatalogTables.CON_RELID, oid,
            CatalogTables.PG_CONSTRAINT_OID, st);
        store.deleteWhere(CatalogTables.PG_CONSTRAINT, CatalogTables.CON_RELID, oid, snapshot);
        CommentCommands.deleteForRows(store, CatalogTables.PG_TRIGGER, CatalogTables.TG_RELID, oid,
            CatalogTables.PG_TRIGGER_OID, st);
        store.deleteWhere(CatalogTables.PG_TRIGGER, CatalogTables.TG_RELID, oid, snapshot);
        store.deleteWhere(CatalogTables.PG_DESCRIPTION, CatalogTables.DESC_OBJOID, oid, snapshot);
        store.deleteWhere(CatalogTables.PG_SEQUENCE, 0, oid, snapshot);
        store.deleteWhere(CatalogTables.PG_REWRITE, CatalogTables.REWRITE_CLASS, oid, snapshot);
        store.deleteWhere(CatalogTables.PG_DEPEND, CatalogTables.DEP_OBJID, oid, snapshot);
        store.deleteWhere(CatalogTables.PG_DEPEND, CatalogTables.DEP_REFOBJID, oid, snapshot);
        if (!((TextValue) cls.row()[CatalogTables.CLASS_RELKIND]).value().equals("v")) {
            RelFileLocator loc = new RelFileLocator(CatalogTables.DB_OID,
                ((OidValue) cls.row()[CatalogTables.CLASS_RELFILENODE]).value());
            tx.onEnd(committed -> {
                if (committed) {
                    removeFiles(services, loc);
                }
            });
        }
        tx.commandCounterIncrement();
    }

    /** The relation's kind as DROP and COMMENT ON name it: TABLE, SEQUENCE, VIEW, MATERIALIZED VIEW. */
    static String kindWord(Relation r) {
        return r instanceof SequenceDescriptor ? "SEQUENCE" : r instanceof ViewDescriptor ? "VIEW"
            : r instanceof TableDescriptor t && t.matview() != null ? "MATERIALIZED VIEW" : "TABLE";
    }

    /** The relation's kind as dependency messages name it (getRelationDescription): table, view, ... */
    static String kindOf(CatalogStore.Entry cls) {
        return switch (((TextValue) cls.row()[CatalogTables.CLASS_RELKIND]).value()) {
            case "S" -> "sequence";
            case "v" -> "view";
            case "m" -> "materialized view";
            default -> "table";
        };
    }

    /** TRUNCATE's target check (truncate_check_rel). */
    private static TableDescriptor userTable(Relation r) {
        if (!(r instanceof TableDescriptor) || ((TableDescriptor) r).matview() != null) {
            throw DatabaseException.error("42809", "\"" + r.name() + "\" is not a table");
        }
        TableDescriptor t = (TableDescriptor) r;
        if (t.systemCatalog()) {
            throw DatabaseException.error(SqlState.INSUFFICIENT_PRIVILEGE,
                "permission denied: \"" + t.name() + "\" is a system catalog");
        }
        return t;
    }

    // ---- TRUNCATE -------------------------------------------------------------------------

    String truncate(Statement.Truncate s, StatementContext ctx) {
        StorageTransaction st = storage("TRUNCATE TABLE");
        // heap_truncate_check_FKs: a table referenced by a foreign key goes only with the referencing table
        List<TableDescriptor> targets = new ArrayList<>();
        for (Statement.RangeVar rv : s.tables()) {
            // position 0: ExecuteTruncate's RangeVarGetRelidExtended reports no position
            TableDescriptor t = userTable(session.relcache().lookup(rv.schema(), rv.name(), LockMode.ACCESS_EXCLUSIVE, 0,
                false, st));
            session.requirePrivilege(t.oid(), org.tuskdb.sql.internal.catalog.AclItems.TRUNCATE);
            if (targets.stream().noneMatch(x -> x.oid() == t.oid())) {
                targets.add(t); // a table named twice is truncated once, as in PostgreSQL
            }
        }
        if (s.cascade()) {
            // ExecuteTruncate with DROP_CASCADE: level by level, the tables referencing the set so far
            // (heap_truncate_find_FKs: in oid order) join it, each with a NOTICE
            while (true) {
                java.util.TreeMap<Long, org.tuskdb.sql.internal.catalog.ForeignKey> found = new java.util.TreeMap<>();
                for (TableDescriptor t : targets) {
                    for (org.tuskdb.sql.internal.catalog.ForeignKey fk : t.referencedBy()) {
                        if (targets.stream().noneMatch(x -> x.oid() == fk.childOid())) {
                            found.putIfAbsent(fk.childOid(), fk);
                        }
                    }
                }
                if (found.isEmpty()) {
                    break;
                }
                for (org.tuskdb.sql.internal.catalog.ForeignKey fk : found.values()) {
                    TableDescriptor child = userTable(session.relcache().lookup(fk.childSchema(), fk.childName(),
                        LockMode.ACCESS_EXCLUSIVE, 0, false, st));
                    ctx.notice(new DatabaseException(DatabaseException.Severity.NOTICE, SqlState.SUCCESSFUL_COMPLETION,
                        "truncate cascades to table \"" + child.name() + "\"", null, null, 0, null));
                    targets.add(child);
                }
            }
        }
        for (TableDescriptor t : targets) {
            for (org.tuskdb.sql.internal.catalog.ForeignKey fk : t.referencedBy()) {
                if (targets.stream().noneMatch(x -> x.oid() == fk.childOid())) {
                    throw DatabaseException.error(SqlState.FEATURE_NOT_SUPPORTED,
                        "cannot truncate a table referenced in a foreign key constraint")
                        .withDetail("Table \"" + fk.childName() + "\" references \"" + t.name() + "\".")
                        .withHint("Truncate table \"" + fk.childName() + "\" at the same time, or use TRUNCATE ... CASCADE.");
                }
            }
        }
        // ExecuteTruncateGuts: every table's BEFORE TRUNCATE triggers, the truncation, then the AFTER ones
        List<org.tuskdb.sql.internal.plan.TriggerFiring> fired = new ArrayList<>();
        for (TableDescriptor t : targets) {
            org.tuskdb.sql.internal.plan.TriggerFiring f = org.tuskdb.sql.internal.plan.TriggerFiring.of(t, ctx, null);
            if (f != null) {
                f.beforeStatement(org.tuskdb.sql.internal.catalog.Trigger.TRUNCATE);
                fired.add(f);
            }
        }
        for (TableDescriptor t : targets) {
            Transaction tx = st.transaction();
            CatalogStore store = emptyFiles(st, t, null);
            if (s.restartIdentity()) {
                // RESTART IDENTITY: the sequences the table's columns own start over
                for (CatalogStore.Entry d : store.rowsWhere(CatalogTables.PG_DEPEND, CatalogTables.DEP_REFOBJID, t.oid(),
                    st.freshSnapshot())) {
                    String type = ((TextValue) d.row()[CatalogTables.DEP_TYPE]).value();
                    CatalogStore.Entry seq = type.equals("a") || type.equals("i")
                        ? store.findClassByOid(((OidValue) d.row()[CatalogTables.DEP_OBJID]).value(), st.freshSnapshot())
                        : null;
                    if (seq != null) {
                        long seqOid = ((OidValue) seq.row()[CatalogTables.CLASS_OID]).value();
                        long start = ((org.tuskdb.sql.internal.value.IntegerValue) store.rowsWhere(
                            CatalogTables.PG_SEQUENCE, 0, seqOid, st.freshSnapshot()).get(0).row()[2]).value();
                        SequenceCommands.restart(st, new RelFileLocator(CatalogTables.DB_OID,
                            ((OidValue) seq.row()[CatalogTables.CLASS_RELFILENODE]).value()), start);
                    }
                }
            }
            tx.commandCounterIncrement();
        }
        for (org.tuskdb.sql.internal.plan.TriggerFiring f : fired) {
            f.afterStatement(org.tuskdb.sql.internal.catalog.Trigger.TRUNCATE);
        }
        for (org.tuskdb.sql.internal.plan.TriggerFiring f : fired) {
            f.runAfter();
        }
        return "TRUNCATE TABLE";
    }

    /**
     * TRUNCATE's and REFRESH MATERIALIZED VIEW's new, empty files for the table and its indexes
     * (the old ones dropped at commit, the new ones at abort); {@code populated}, when not null, is
     * the new pg_class.relispopulated. Returns the catalog store it wrote with.
     */
    CatalogStore emptyFiles(StorageTransaction st, TableDescriptor t, Boolean populated) {
        StorageServices services = st.services();
        Transaction tx = st.transaction();
        st.catalogChanged();
        long node = services.transactions().newOid();
        RelFileLocator fresh = new RelFileLocator(CatalogTables.DB_OID, node);
        services.relationStorage().create(fresh, ForkNumber.MAIN, true);
        RelFileLocator old = t.locator();
        tx.onEnd(committed -> removeFiles(services, committed ? old : fresh));
        CatalogStore store = new CatalogStore(services.heap(), tx);
        CatalogStore.Entry cls = store.findClassByOid(t.oid(), st.freshSnapshot());
        if (cls == null) {
            throw DatabaseException.error(SqlState.INTERNAL_ERROR, "cache lookup failed for relation " + t.oid());
        }
        Value[] row = cls.row().clone();
        row[CatalogTables.CLASS_RELFILENODE] = OidValue.oid(node);
        if (populated != null) {
            row[CatalogTables.CLASS_RELISPOPULATED] = org.tuskdb.sql.internal.value.BoolValue.of(populated);
        }
        store.update(CatalogTables.PG_CLASS, cls.tid(), row);
        IndexCommands.truncateTableIndexes(st, t.oid());
        return store;
    }

    // ---- CHECKPOINT -----------------------------------------------------------------------

    String checkpoint() {
        StorageServices s = session.services();
        if (s.checkpointer() == null) {
            throw DatabaseException.error(SqlState.FEATURE_NOT_SUPPORTED,
                "CHECKPOINT is not available without the storage services");
        }
        s.checkpointer().requestCheckpoint(true);
        return "CHECKPOINT";
    }

    /** 42701 for a user column named as a system column (CheckAttributeNamesTypes, check_for_column_name_collision). */
    static void checkNotSystemColumn(String name) {
        if (org.tuskdb.sql.internal.catalog.SystemColumns.reserved(name)) {
            throw DatabaseException.error("42701", "column name \"" + name + "\" conflicts with a system column name");
        }
    }
}
