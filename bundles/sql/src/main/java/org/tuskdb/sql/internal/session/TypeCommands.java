package org.tuskdb.sql.internal.session;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.tuskdb.api.DatabaseException;
import org.tuskdb.api.SqlState;
import org.tuskdb.api.xact.LockMode;
import org.tuskdb.api.xact.LockTag;
import org.tuskdb.api.xact.Snapshot;
import org.tuskdb.sql.internal.analyze.ParamTypes;
import org.tuskdb.sql.internal.analyze.ParseState;
import org.tuskdb.sql.internal.ast.Statement;
import org.tuskdb.sql.internal.catalog.CatalogStore;
import org.tuskdb.sql.internal.catalog.CatalogTables;
import org.tuskdb.sql.internal.catalog.RelationCache;
import org.tuskdb.sql.internal.catalog.UserTypes;
import org.tuskdb.sql.internal.value.BoolValue;
import org.tuskdb.sql.internal.value.EnumLabel;
import org.tuskdb.sql.internal.value.FloatValue;
import org.tuskdb.sql.internal.value.IntegerValue;
import org.tuskdb.sql.internal.value.OidValue;
import org.tuskdb.sql.internal.value.PgType;
import org.tuskdb.sql.internal.value.TextValue;
import org.tuskdb.sql.internal.value.Value;

/**
 * CREATE TYPE ... AS ENUM, ALTER TYPE and DROP TYPE (PostgreSQL's DefineEnum / AlterEnum /
 * RenameType / AlterTypeNamespace / RemoveObjects). A type is one stored pg_type row (its array
 * type "_name" has only its oid there, typarray) and an enum's labels pg_enum rows, written in the
 * statement's transaction (rolled back with it); every change marks the catalog changed, so other
 * sessions read the types again after it commits and plans made before are re-planned. Statements
 * naming one type serialize on an object lock of its name.
 *
 * <p>Sort orders (pg_enum.enumsortorder): 1, 2, ... at CREATE; ADD VALUE at the end takes the last
 * order + 1, BEFORE / AFTER the midpoint between the neighbours (before the first: its order - 1).
 * Existing orders never change (PostgreSQL renumbers when a midpoint cannot be represented; here
 * that is refused, because index keys hold the orders).
 */
final class TypeCommands {
    private final Session session;
    private final DdlExecutor ddl;

    TypeCommands(Session session, DdlExecutor ddl) {
        this.session = session;
        this.ddl = ddl;
        this.composites = new CompositeTypeCommands(session, ddl);
    }

    private final CompositeTypeCommands composites;

    /** CREATE TYPE name AS (...). */
    String createComposite(Statement.CreateComposite s, StorageTransaction st) {
        return composites.create(s, st, this);
    }

    private ParseState parseState() {
        return new ParseState(session.currentQuery(), session.services().functions(), session.relationLookup(),
            ParamTypes.none());
    }

    String createEnum(Statement.CreateEnum s, StorageTransaction st) {
        ParseState ps = parseState();
        long namespace = ddl.creationNamespace(st, s.name(), false, ps);
        String name = s.name().name();
        lockName(st, namespace, name);
        checkNameFree(st, namespace, name);
        List<String> seen = new ArrayList<>();
        for (String label : s.labels()) {
            checkLabel(label);
            if (seen.contains(label)) {
                throw DatabaseException.error("23505",
                    "duplicate key value violates unique constraint \"pg_enum_typid_label_index\"");
            }
            seen.add(label);
        }
        long oid = st.services().transactions().newOid();
        long arrayOid = st.services().transactions().newOid();
        st.catalogChanged();
        CatalogStore store = new CatalogStore(st.services().heap(), st.transaction());
        store.insert(CatalogTables.PG_TYPE, typeRow(oid, name, namespace, "e", arrayOid, 0, -1, false, null));
        for (int i = 0; i < s.labels().size(); i++) {
            store.insert(CatalogTables.PG_ENUM, enumRow(st.services().transactions().newOid(), oid, i + 1,
                s.labels().get(i)));
        }
        st.transaction().commandCounterIncrement();
        return "CREATE TYPE";
    }

    /** A pg_type row owned by the current user. */
    Value[] typeRow(long oid, String name, long namespace, String typtype, long arrayOid, long baseType,
                           int typmod, boolean notNull, String defaultText) {
        return new Value[] {OidValue.oid(oid), new TextValue(PgType.NAME, name), OidValue.oid(namespace),
            OidValue.oid(session.currentUserOid()), TextValue.text(typtype), OidValue.oid(arrayOid),
            OidValue.oid(baseType), IntegerValue.int4(typmod), BoolValue.of(notNull),
            defaultText == null ? null : TextValue.text(defaultText)};
    }

    private static Value[] enumRow(long oid, long typeOid, float sortOrder, String label) {
        return new Value[] {OidValue.oid(oid), OidValue.oid(typeOid), FloatValue.float4(sortOrder),
            new TextValue(PgType.NAME, label)};
    }

    /** 42602 for a label longer than a name may be (EnumValuesCreate). */
    private static void checkLabel(String label) {
        if (label.getBytes(StandardCharsets.UTF_8).length > 63) {
            throw DatabaseException.error("42602", "invalid enum label \"" + label + "\"")
                .withDetail("Labels must be 63 bytes or less.");
        }
    }

    /** A type (user-defined, or a table's row type) of that name in the namespace is 42710. */
    void checkTypeNameFree(StorageTransaction st, long namespace, String name) {
        checkNameFree(st, namespace, name);
    }

    void lockTypeName(StorageTransaction st, long namespace, String name) {
        lockName(st, namespace, name);
    }

    private void checkNameFree(StorageTransaction st, long namespace, String name) {
        CatalogStore store = new CatalogStore(st.services().heap(), st.transaction());
        Snapshot snapshot = st.freshSnapshot();
        boolean taken = false;
        for (CatalogStore.Entry e : store.all(CatalogTables.PG_TYPE, snapshot)) {
            UserTypes.Row r = rowOf(e);
            taken |= r.namespace() == namespace && (r.name().equals(name) || ("_" + r.name()).equals(name));
        }
        CatalogStore.Entry cls = store.findClass(namespace, name, snapshot);
        if (taken || cls != null && "rvmc".contains(((TextValue) cls.row()[CatalogTables.CLASS_RELKIND]).value())) {
            throw DatabaseException.error("42710", "type \"" + name + "\" already exists");
        }
    }

    private static UserTypes.Row rowOf(CatalogStore.Entry e) {
        return UserTypes.rowOf(e.row());
    }

    /** The stored type a name means (search_path or its schema), or null. */
    private UserTypes.Row find(StorageTransaction st, Statement.RangeVar rv) {
        RelationCache rc = session.relcache();
        if (rv.schema() != null && rc.namespaceOid(rv.schema(), st) < 0) {
            throw DatabaseException.error("3F000", "schema \"" + rv.schema() + "\" does not exist");
        }
        PgType t = rc.userType(rv.schema(), rv.name(), st);
        if (t == null || t.isArray()) {
            return null;
        }
        return rc.userTypes(st).row(t.oid());
    }

    private static String shown(Statement.RangeVar rv) {
        return rv.schema() == null ? rv.name() : rv.schema() + "." + rv.name();
    }

    /** ALTER TYPE / DOMAIN ... OWNER TO: typowner (the array type follows: it has no row of its own). */
    private void changeOwner(StorageTransaction st, UserTypes.Row type, String role, String kind) {
        org.tuskdb.sql.internal.catalog.Roles.Role r = session.roleNamed(role);
        CatalogStore.Entry e = storedType(st, type.oid());
        long owner = CatalogTables.owner(e.row()[CatalogTables.TYPE_OWNER]);
        if (owner == r.oid()) {
            return;
        }
        Ownership.checkOwnerChange(session, owner, r, kind, type.name());
        Value[] row = e.row().clone();
        row[CatalogTables.TYPE_OWNER] = OidValue.oid(r.oid());
        st.catalogChanged();
        new CatalogStore(st.services().heap(), st.transaction()).update(CatalogTables.PG_TYPE, e.tid(), row);
        st.transaction().commandCounterIncrement();
    }

    private CatalogStore.Entry storedType(StorageTransaction st, long oid) {
        CatalogStore store = new CatalogStore(st.services().heap(), st.transaction());
        List<CatalogStore.Entry> rows = store.rowsWhere(CatalogTables.PG_TYPE, CatalogTables.TYPE_OID, oid,
            st.freshSnapshot());
        return rows.isEmpty() ? null : rows.get(0);
    }

    String alterType(Statement.AlterType s, StorageTransaction st, StatementContext ctx) {
        UserTypes.Row type = find(st, s.name());
        org.tuskdb.sql.internal.catalog.CompositeTypeDescriptor composite = type == null ? composites.find(st, s.name())
            : null;
        if (composite != null) {
            List<String> usedBy = new ArrayList<>();
            UserTypes.Row row = CompositeTypeCommands.row(composite);
            List<Dependent> deps = new ArrayList<>();
            dependentsOf(session.relcache().userTypes(st), row, userTypedColumns(st), st, deps, new ArrayList<>(),
                List.of(row));
            for (Dependent d : deps) {
                if (d.column() != null && !d.composite()) {
                    usedBy.add(d.tableName() + "." + d.column());
                }
            }
            return composites.alter(s, composite, st, ctx, this, usedBy);
        }
        if (s.action() instanceof Statement.AlterAttributes || s.action() instanceof Statement.RenameAttribute) {
            // PostgreSQL looks the name up as a relation (ALTER TYPE ... ATTRIBUTE is ALTER TABLE's)
            throw DatabaseException.error(SqlState.UNDEFINED_TABLE, "relation \"" + shown(s.name()) + "\" does not exist");
        }
        if (type == null) {
            throw DatabaseException.error(SqlState.UNDEFINED_OBJECT, "type \"" + shown(s.name()) + "\" does not exist");
        }
        lockName(st, type.namespace(), type.name());
        switch (s.action()) {
            case Statement.TypeOwner o -> {
                changeOwner(st, type, o.role(), "type");
                return "ALTER TYPE";
            }
            case Statement.AddEnumValue a -> addValue(st, type, a, ctx);
            case Statement.RenameEnumValue r -> renameValue(st, type, r);
            case Statement.RenameType r -> renameOrMove(st, type, r.to(), type.namespace());
            case Statement.SetTypeSchema ss -> renameOrMove(st, type, type.name(), schemaOid(st, ss.schema()));
            default -> throw DatabaseException.error(SqlState.SYNTAX_ERROR, "not an ALTER TYPE action");
        }
        st.transaction().commandCounterIncrement();
        return "ALTER TYPE";
    }

    private long schemaOid(StorageTransaction st, String schema) {
        long nsp = session.relcache().namespaceOid(schema, st);
        if (nsp < 0) {
            throw DatabaseException.error("3F000", "schema \"" + schema + "\" does not exist");
        }
        return nsp;
    }

    /** RENAME TO / SET SCHEMA: 42710 when the new name is taken there; nothing to do when it is the same. */
    private void renameOrMove(StorageTransaction st, UserTypes.Row type, String name, long namespace) {
        if (name.equals(type.name()) && namespace == type.namespace()) {
            return;
        }
        checkNameFree(st, namespace, name);
        lockName(st, namespace, name);
        rewrite(st, type, name, namespace);
    }

    private void rewrite(StorageTransaction st, UserTypes.Row type, String name, long namespace) {
        CatalogStore.Entry e = storedType(st, type.oid());
        Value[] row = e.row().clone();
        row[CatalogTables.TYPE_NAME] = new TextValue(PgType.NAME, name);
        row[CatalogTables.TYPE_NAMESPACE] = OidValue.oid(namespace);
        st.catalogChanged();
        new CatalogStore(st.services().heap(), st.transaction()).update(CatalogTables.PG_TYPE, e.tid(), row);
    }

    private List<CatalogStore.Entry> labels(StorageTransaction st, long typeOid) {
        List<CatalogStore.Entry> rows = new ArrayList<>(new CatalogStore(st.services().heap(), st.transaction())
            .rowsWhere(CatalogTables.PG_ENUM, CatalogTables.ENUM_TYPID, typeOid, st.freshSnapshot()));
        rows.sort(java.util.Comparator.comparingDouble(e -> ((FloatValue) e.row()[CatalogTables.ENUM_SORTORDER]).value()));
        return rows;
    }

    private static String label(CatalogStore.Entry e) {
        return ((TextValue) e.row()[CatalogTables.ENUM_LABEL]).value();
    }

    private static float order(CatalogStore.Entry e) {
        return (float) ((FloatValue) e.row()[CatalogTables.ENUM_SORTORDER]).value();
    }

    private static void requireEnum(UserTypes.Row type) {
        if (!type.typtype().equals("e")) {
            throw DatabaseException.error("42809", "\"" + type.name() + "\" is not an enum");
        }
    }

    /** AddEnumLabel: the new label's sort order between its neighbours. */
    private void addValue(StorageTransaction st, UserTypes.Row type, Statement.AddEnumValue a, StatementContext ctx) {
        requireEnum(type);
        checkLabel(a.label());
        List<CatalogStore.Entry> rows = labels(st, type.oid());
        for (CatalogStore.Entry e : rows) {
            if (label(e).equals(a.label())) {
                if (a.ifNotExists()) {
                    ctx.notice(new DatabaseException(DatabaseException.Severity.NOTICE, "42710",
                        "enum label \"" + a.label() + "\" already exists, skipping", null, null, 0, null));
                    return;
                }
                throw DatabaseException.error("42710", "enum label \"" + a.label() + "\" already exists");
            }
        }
        float sortOrder;
        if (a.neighbor() == null) {
            sortOrder = rows.isEmpty() ? 1 : order(rows.get(rows.size() - 1)) + 1;
        } else {
            int i = -1;
            for (int k = 0; k < rows.size(); k++) {
                if (label(rows.get(k)).equals(a.neighbor())) {
                    i = k;
                }
            }
            if (i < 0) {
                throw DatabaseException.error(SqlState.INVALID_PARAMETER_VALUE,
                    "\"" + a.neighbor() + "\" is not an existing enum label");
            }
            int lo = a.before() ? i - 1 : i;
            int hi = a.before() ? i : i + 1;
            if (lo < 0) {
                sortOrder = order(rows.get(hi)) - 1;
            } else if (hi >= rows.size()) {
                sortOrder = order(rows.get(lo)) + 1;
            } else {
                float l = order(rows.get(lo));
                float h = order(rows.get(hi));
                sortOrder = (l + h) / 2;
                if (sortOrder <= l || sortOrder >= h) {
                    throw DatabaseException.error(SqlState.FEATURE_NOT_SUPPORTED, "no sort order is left between enum labels \""
                        + label(rows.get(lo)) + "\" and \"" + label(rows.get(hi)) + "\" (renumbering is not supported)");
                }
            }
        }
        long labelOid = st.services().transactions().newOid();
        st.catalogChanged();
        new CatalogStore(st.services().heap(), st.transaction()).insert(CatalogTables.PG_ENUM,
            enumRow(labelOid, type.oid(), sortOrder, a.label()));
        // check_safe_enum_use: a label ALTER TYPE added is unusable until its transaction commits,
        // even when the type is as new (only CREATE TYPE's own labels are safe at once)
        RelationCache rc = session.relcache();
        if (rc.unsafeEnumLabels().isEmpty()) {
            st.transaction().onEnd(committed -> rc.unsafeEnumLabels().clear());
        }
        rc.unsafeEnumLabels().add(labelOid);
    }

    private void renameValue(StorageTransaction st, UserTypes.Row type, Statement.RenameEnumValue r) {
        requireEnum(type);
        checkLabel(r.to());
        CatalogStore.Entry target = null;
        for (CatalogStore.Entry e : labels(st, type.oid())) {
            if (label(e).equals(r.to()) && !r.from().equals(r.to())) {
                throw DatabaseException.error("42710", "enum label \"" + r.to() + "\" already exists");
            }
            if (label(e).equals(r.from())) {
                target = e;
            }
        }
        if (target == null) {
            throw DatabaseException.error(SqlState.INVALID_PARAMETER_VALUE,
                "\"" + r.from() + "\" is not an existing enum label");
        }
        Value[] row = target.row().clone();
        row[CatalogTables.ENUM_LABEL] = new TextValue(PgType.NAME, r.to());
        st.catalogChanged();
        new CatalogStore(st.services().heap(), st.transaction()).update(CatalogTables.PG_ENUM, target.tid(), row);
    }

    /**
     * What depends on a type being dropped ({@code on}, as shown): a column of it or of its array type
     * ({@code array}), or a domain over it ({@code column} null, {@code tableName} the domain's name).
     */
    private record Dependent(long table, String schema, String tableName, String column, boolean array, String on,
                             boolean composite) {
        Dependent(long table, String schema, String tableName, String column, boolean array, String on) {
            this(table, schema, tableName, column, array, on, false);
        }

        String line() {
            return column == null ? "type " + tableName
                : "column " + column + " of " + (composite ? "composite type " : "table ") + tableName;
        }
    }

    String dropTypes(Statement.DropType d, StorageTransaction st, StatementContext ctx) {
        String what = "type"; // DROP DOMAIN's messages say type too, as PostgreSQL's
        List<UserTypes.Row> dropped = new ArrayList<>();
        for (Statement.RangeVar rv : d.names()) {
            if (rv.schema() != null && session.relcache().namespaceOid(rv.schema(), st) < 0) {
                if (d.ifExists()) {
                    ctx.notice(new DatabaseException(DatabaseException.Severity.NOTICE, SqlState.SUCCESSFUL_COMPLETION,
                        "schema \"" + rv.schema() + "\" does not exist, skipping", null, null, 0, null));
                    continue;
                }
                throw DatabaseException.error("3F000", "schema \"" + rv.schema() + "\" does not exist");
            }
            UserTypes.Row found = find(st, rv);
            if (found == null) {
                org.tuskdb.sql.internal.catalog.CompositeTypeDescriptor c = composites.find(st, rv);
                found = c == null ? null : CompositeTypeCommands.row(c);
            }
            UserTypes.Row t = found;
            PgType builtin = rv.schema() == null || rv.schema().equals("pg_catalog") ? PgType.byName(rv.name()) : null;
            if (t == null && builtin != null) {
                throw DatabaseException.error("2BP01", "cannot drop type " + builtin.displayName()
                    + " because it is required by the database system");
            }
            if (t == null) {
                if (d.ifExists()) {
                    ctx.notice(new DatabaseException(DatabaseException.Severity.NOTICE, SqlState.SUCCESSFUL_COMPLETION,
                        what + " \"" + shown(rv) + "\" does not exist, skipping", null, null, 0, null));
                    continue;
                }
                throw DatabaseException.error(SqlState.UNDEFINED_OBJECT, what + " \"" + shown(rv) + "\" does not exist");
            }
            RangeTypeCommands.checkDroppable(t, session.relcache().userTypes(st));
            if (d.domain() && !t.typtype().equals("d")) {
                throw DatabaseException.error("42809", "\"" + t.name() + "\" is not a domain");
            }
            if (t.owner() != session.currentUserOid() && !session.currentUserIsSuperuser()) {
                Ownership.checkOwner(session, t.owner(), "type", t.name());
            }
            if (dropped.stream().noneMatch(x -> x.oid() == t.oid())) {
                dropped.add(t);
            }
        }
        for (UserTypes.Row t : dropped) {
            lockName(st, t.namespace(), t.name());
        }
        // what depends on the types, in PostgreSQL's order (findDependentObjects' walk: each object's
        // dependents by oid, depth first): the array type's columns, domains over the type (and theirs),
        // the type's columns; domains go with the types, columns are dropped first
        UserTypes all = session.relcache().userTypes(st);
        List<UsedBy> columns = userTypedColumns(st);
        List<UserTypes.Row> domains = new ArrayList<>();
        List<Dependent> deps = new ArrayList<>();
        for (UserTypes.Row t : dropped) {
            dependentsOf(all, t, columns, st, deps, domains, dropped);
        }
        List<UserTypes.Row> everything = new ArrayList<>(dropped);
        everything.addAll(domains);
        if (!deps.isEmpty()) {
            if (!d.cascade()) {
                StringBuilder detail = new StringBuilder();
                for (Dependent x : deps) {
                    detail.append(detail.isEmpty() ? "" : "\n").append(x.line()).append(" depends on ").append(what)
                        .append(' ').append(x.on()).append(x.array() ? "[]" : "");
                }
                throw DatabaseException.error("2BP01", dropped.size() > 1
                    ? "cannot drop desired object(s) because other objects depend on them"
                    : "cannot drop " + what + " " + dropped.get(0).name() + " because other objects depend on it")
                    .withDetail(detail.toString())
                    .withHint("Use DROP ... CASCADE to drop the dependent objects too.");
            }
            ctx.notice(DdlExecutor.cascadeNotice(deps.stream().map(Dependent::line).toList()));
            dropped = everything;
            for (Dependent x : deps) {
                if (x.column() == null) {
                    continue; // a domain: dropped with the types below
                }
                if (x.composite()) {
                    composites.dropAttribute(st, x.table(), x.column());
                    continue;
                }
                ddl.alterTable(new Statement.AlterTable(new Statement.RangeVar(x.schema(), x.tableName(), null, 0), false,
                    List.of(new Statement.DropColumn(x.column(), false, true, 0)), 0), ctx);
            }
        }
        if (!dropped.isEmpty()) {
            drop(st, dropped);
        }
        return d.domain() ? "DROP DOMAIN" : "DROP TYPE";
    }

    /** Deletes the types' pg_type rows, their labels and constraints (DROP TYPE, DROP SCHEMA ... CASCADE). */
    void drop(StorageTransaction st, List<UserTypes.Row> types) {
        st.catalogChanged();
        CatalogStore store = new CatalogStore(st.services().heap(), st.transaction());
        for (UserTypes.Row t : types) {
            if (t.typtype().equals("c")) {
                CompositeTypeCommands.drop(st, store, t.oid());
                CommentCommands.deleteFor(store, t.oid(), CatalogTables.PG_TYPE_OID, st);
                continue;
            }
            store.deleteWhere(CatalogTables.PG_TYPE, CatalogTables.TYPE_OID, t.oid(), st.freshSnapshot());
            CommentCommands.deleteFor(store, t.oid(), CatalogTables.PG_TYPE_OID, st);
            RangeTypeCommands.dropMultirange(st, store, t, types);
            store.deleteWhere(CatalogTables.PG_ENUM, CatalogTables.ENUM_TYPID, t.oid(), st.freshSnapshot());
            if (t.typtype().equals("d")) {
                CommentCommands.deleteForRows(store, CatalogTables.PG_CONSTRAINT, CatalogTables.CON_TYPID, t.oid(),
                    CatalogTables.PG_CONSTRAINT_OID, st);
                store.deleteWhere(CatalogTables.PG_CONSTRAINT, CatalogTables.CON_TYPID, t.oid(), st.freshSnapshot());
            }
        }
        st.transaction().commandCounterIncrement();
    }

    private String shownType(UserTypes all, long oid, StorageTransaction st) {
        PgType t = all.byOid(oid);
        if (t == null) {
            t = session.relcache().typeByOid(oid, st); // a composite type
        }
        return t == null ? Long.toString(oid) : t.displayName();
    }

    /** The columns of a domain and of domains over it (get_rels_with_domain), for ALTER DOMAIN's checks. */
    private List<Dependent> columnsUsing(StorageTransaction st, UserTypes.Row type) {
        List<Dependent> out = new ArrayList<>();
        dependentsOf(session.relcache().userTypes(st), type, userTypedColumns(st), st, out, new ArrayList<>(),
            List.of(type));
        return out.stream().filter(x -> x.column() != null && !x.array()).toList();
    }

    /** A live table column of a user-defined type (or array type): table oid, attnum, name, type oid. */
    private record UsedBy(long table, long attnum, String column, long type) {}

    private static List<UsedBy> userTypedColumns(StorageTransaction st) {
        CatalogStore store = new CatalogStore(st.services().heap(), st.transaction());
        List<UsedBy> out = new ArrayList<>();
        for (CatalogStore.Entry a : store.all(CatalogTables.PG_ATTRIBUTE, st.freshSnapshot())) {
            Value[] r = a.row();
            long typ = ((OidValue) r[CatalogTables.ATT_TYPID]).value() & 0xffff_ffffL;
            if (typ >= 16384 && !((BoolValue) r[CatalogTables.ATT_DROPPED]).value()) {
                out.add(new UsedBy(((OidValue) r[CatalogTables.ATT_RELID]).value(),
                    ((IntegerValue) r[CatalogTables.ATT_NUM]).value(), ((TextValue) r[CatalogTables.ATT_NAME]).value(), typ));
            }
        }
        return out;
    }

    /** Adds what depends on type t (not among {@code dropped}) to {@code out}, depth first, children by oid. */
    private void dependentsOf(UserTypes all, UserTypes.Row t, List<UsedBy> columns, StorageTransaction st,
                              List<Dependent> out, List<UserTypes.Row> domains, List<UserTypes.Row> dropped) {
        record Child(long key, long key2, Runnable emit) {}
        List<Child> children = new ArrayList<>();
        if (t.arrayOid() != 0) {
            children.add(new Child(t.arrayOid(), 0, () -> childrenOf(all, t, t.arrayOid(), true, columns, st, out,
                domains, dropped)));
        }
        children.add(new Child(Long.MAX_VALUE, 0, () -> childrenOf(all, t, t.oid(), false, columns, st, out, domains,
            dropped)));
        children.sort(java.util.Comparator.comparingLong(Child::key));
        children.forEach(c -> c.emit().run());
    }

    /** The domains over and the columns of {@code typeOid} (t itself, or its array type), by oid. */
    private void childrenOf(UserTypes all, UserTypes.Row t, long typeOid, boolean array, List<UsedBy> columns,
                            StorageTransaction st, List<Dependent> out, List<UserTypes.Row> domains,
                            List<UserTypes.Row> dropped) {
        record Child(long key, long key2, Runnable emit) {}
        List<Child> children = new ArrayList<>();
        String on = shownType(all, t.oid(), st);
        for (UserTypes.Row r : all.rows()) {
            if (r.typtype().equals("d") && r.baseType() == typeOid && dropped.stream().noneMatch(x -> x.oid() == r.oid())
                && domains.stream().noneMatch(x -> x.oid() == r.oid())) {
                children.add(new Child(r.oid(), 0, () -> {
                    domains.add(r);
                    out.add(new Dependent(r.oid(), null, shownType(all, r.oid(), st), null, array, on));
                    dependentsOf(all, r, columns, st, out, domains, dropped);
                }));
            }
        }
        CatalogStore store = new CatalogStore(st.services().heap(), st.transaction());
        for (UsedBy c : columns) {
            if (c.type() == typeOid) {
                children.add(new Child(c.table(), c.attnum(), () -> {
                    CatalogStore.Entry cls = store.findClassByOid(c.table(), st.freshSnapshot());
                    // a column of a type being dropped goes with it (DROP TYPE a, b where a has a b attribute)
                    if (cls != null && dropped.stream().noneMatch(x -> x.oid() == c.table())) {
                        long nsp = ((OidValue) cls.row()[CatalogTables.CLASS_RELNAMESPACE]).value();
                        out.add(new Dependent(c.table(), session.relcache().namespaceName(nsp, st),
                            ((TextValue) cls.row()[CatalogTables.CLASS_RELNAME]).value(), c.column(), array, on,
                            "c".equals(((TextValue) cls.row()[CatalogTables.CLASS_RELKIND]).value())));
                    }
                }));
            }
        }
        children.sort(java.util.Comparator.comparingLong(Child::key).thenComparingLong(Child::key2));
        children.forEach(c -> c.emit().run());
    }

    // ---- domains ----------------------------------------------------------------------------

    /** DefineDomain: the pg_type row (typtype d) and one pg_constraint row (contypid) per CHECK. */
    String createDomain(Statement.CreateDomain s, StorageTransaction st) {
        ParseState ps = parseState();
        long namespace = ddl.creationNamespace(st, s.name(), false, ps);
        String name = s.name().name();
        org.tuskdb.sql.internal.catalog.Relation.Column base;
        try {
            base = org.tuskdb.sql.internal.analyze.StoredExpressions.resolveType(s.type(), "", ps);
        } catch (DatabaseException e) {
            throw e.withPosition(0);
        }
        if (base.type().isPseudo() || base.type() == PgType.UNKNOWN) {
            throw DatabaseException.error(SqlState.DATATYPE_MISMATCH, "\"" + base.type().displayName()
                + "\" is not a valid base type for a domain");
        }
        lockName(st, namespace, name);
        checkNameFree(st, namespace, name);
        Boolean notNull = null;
        List<String[]> checks = new ArrayList<>(); // name, text
        for (Statement.DomainConstraint c : s.constraints()) {
            if (c.notNull() || c.isNull()) {
                if (notNull != null && notNull != c.notNull()) {
                    throw DatabaseException.error(SqlState.SYNTAX_ERROR, "conflicting NULL/NOT NULL constraints");
                }
                notNull = c.notNull();
                continue;
            }
            validateCheck(c, base, ps);
            checks.add(new String[] {c.name(), c.checkText()});
        }
        if (s.defaultExpr() != null) {
            validateDefault(s.defaultExpr(), base, ps);
        }
        long oid = st.services().transactions().newOid();
        long arrayOid = st.services().transactions().newOid();
        st.catalogChanged();
        CatalogStore store = new CatalogStore(st.services().heap(), st.transaction());
        store.insert(CatalogTables.PG_TYPE, typeRow(oid, name, namespace, "d", arrayOid, base.type().oid(),
            base.typmod(), notNull != null && notNull, s.defaultText()));
        List<String> taken = new ArrayList<>();
        for (String[] c : checks) {
            String cname = c[0] != null ? c[0] : chooseName(name, taken);
            if (taken.contains(cname)) {
                throw DatabaseException.error("42710", "constraint \"" + cname + "\" for domain \"" + name
                    + "\" already exists");
            }
            taken.add(cname);
            store.insert(CatalogTables.PG_CONSTRAINT, domainConstraintRow(st.services().transactions().newOid(), cname,
                namespace, oid, c[1]));
        }
        st.transaction().commandCounterIncrement();
        return "CREATE DOMAIN";
    }

    private static Value[] domainConstraintRow(long oid, String name, long namespace, long typeOid, String text) {
        Value[] row = CatalogTables.constraintRow(oid, name, namespace, "c", 0, null, 0, null, " ", " ", text);
        row[CatalogTables.CON_TYPID] = OidValue.oid(typeOid);
        return row;
    }

    /** ChooseConstraintName(domain, NULL, "check"): d_check, then d_check1, d_check2, .... */
    private static String chooseName(String domain, List<String> taken) {
        String base = domain + "_check";
        String n = base;
        for (int i = 1; taken.contains(n); i++) {
            n = base + i;
        }
        return n;
    }

    /** A CHECK over VALUE must analyze (PostgreSQL reports its errors without a position). */
    private static void validateCheck(Statement.DomainConstraint c, org.tuskdb.sql.internal.catalog.Relation.Column base,
                                      ParseState ps) {
        try {
            org.tuskdb.sql.internal.analyze.StoredExpressions.domainCheck(c.check(), base.type(), base.typmod(), ps,
                c.check().location());
        } catch (DatabaseException e) {
            throw e.withPosition(0);
        }
    }

    /** A DEFAULT must be assignable to the base type (its modifier is applied when it is used). */
    private static void validateDefault(org.tuskdb.sql.internal.ast.Expr e,
                                        org.tuskdb.sql.internal.catalog.Relation.Column base, ParseState ps) {
        try {
            org.tuskdb.sql.internal.analyze.StoredExpressions.defaultFor(e,
                new org.tuskdb.sql.internal.catalog.Relation.Column("?", base.type(), -1), ps);
        } catch (DatabaseException ex) {
            throw ex.withPosition(0);
        }
    }

    /** AlterDomainDefault / NotNull / AddConstraint / DropConstraint, RenameType / RenameConstraint of a domain. */
    String alterDomain(Statement.AlterDomain s, StorageTransaction st, StatementContext ctx) {
        UserTypes.Row type = find(st, s.name());
        if (type == null) {
            throw DatabaseException.error(SqlState.UNDEFINED_OBJECT, "type \"" + shown(s.name()) + "\" does not exist");
        }
        if (!type.typtype().equals("d")) {
            throw DatabaseException.error("42809", "\"" + type.name() + "\" is not a domain");
        }
        lockName(st, type.namespace(), type.name());
        PgType domain = session.relcache().userTypes(st).byOid(type.oid());
        org.tuskdb.sql.internal.catalog.Relation.Column base = new org.tuskdb.sql.internal.catalog.Relation.Column("",
            domain.domain().base(), domain.domain().typmod());
        CatalogStore store = new CatalogStore(st.services().heap(), st.transaction());
        ParseState ps = parseState();
        switch (s.action()) {
            case Statement.TypeOwner o -> {
                changeOwner(st, type, o.role(), "type");
                return "ALTER DOMAIN";
            }
            case Statement.RenameType r -> renameOrMove(st, type, r.to(), type.namespace());
            case Statement.SetTypeSchema ss -> {
                long nsp = schemaOid(st, ss.schema());
                renameOrMove(st, type, type.name(), nsp);
                for (PgType.DomainCheck c : domain.domain().checks()) {
                    updateConstraint(st, c.oid(), CatalogTables.CON_NAMESPACE, OidValue.oid(nsp));
                }
            }
            case Statement.SetDomainDefault d -> {
                if (d.expr() != null) {
                    validateDefault(d.expr(), base, ps);
                }
                updateType(st, type.oid(), CatalogTables.TYPE_DEFAULT, d.text() == null ? null : TextValue.text(d.text()));
            }
            case Statement.SetDomainNotNull n -> {
                if (n.notNull()) {
                    for (Dependent x : columnsUsing(st, type)) {
                        if (!x.array() && columnHas(st, x, "NULL", null, ctx)) {
                            throw DatabaseException.error("23502", "column \"" + x.column() + "\" of table \""
                                + x.tableName() + "\" contains null values").withColumn(x.schema(), x.tableName(), x.column());
                        }
                    }
                }
                updateType(st, type.oid(), CatalogTables.TYPE_NOTNULL, BoolValue.of(n.notNull()));
            }
            case Statement.AddDomainConstraint a -> {
                Statement.DomainConstraint c = a.constraint();
                if (c.notNull()) {
                    return alterDomain(new Statement.AlterDomain(s.name(), new Statement.SetDomainNotNull(true),
                        s.location()), st, ctx);
                }
                if (c.isNull()) {
                    return "ALTER DOMAIN";
                }
                validateCheck(c, base, ps);
                List<String> taken = new ArrayList<>(domain.domain().checks().stream().map(PgType.DomainCheck::name).toList());
                String cname = c.name() != null ? c.name() : chooseName(type.name(), taken);
                if (taken.contains(cname)) {
                    throw DatabaseException.error("42710", "constraint \"" + cname + "\" for domain \"" + type.name()
                        + "\" already exists");
                }
                for (Dependent x : columnsUsing(st, type)) {
                    if (!x.array() && columnHas(st, x, "CHECK", c.checkText(), ctx)) {
                        throw DatabaseException.error("23514", "column \"" + x.column() + "\" of table \""
                            + x.tableName() + "\" contains values that violate the new constraint")
                            .withColumn(x.schema(), x.tableName(), x.column());
                    }
                }
                st.catalogChanged();
                store.insert(CatalogTables.PG_CONSTRAINT, domainConstraintRow(st.services().transactions().newOid(), cname,
                    type.namespace(), type.oid(), c.checkText()));
            }
            case Statement.DropDomainConstraint d -> {
                PgType.DomainCheck c = domain.domain().checks().stream().filter(k -> k.name().equals(d.name()))
                    .findFirst().orElse(null);
                if (c == null) {
                    if (d.ifExists()) {
                        ctx.notice(new DatabaseException(DatabaseException.Severity.NOTICE, SqlState.SUCCESSFUL_COMPLETION,
                            "constraint \"" + d.name() + "\" of domain \"" + type.name() + "\" does not exist, skipping",
                            null, null, 0, null));
                        return "ALTER DOMAIN";
                    }
                    throw DatabaseException.error("42704", "constraint \"" + d.name() + "\" of domain \"" + type.name()
                        + "\" does not exist");
                }
                st.catalogChanged();
                store.deleteWhere(CatalogTables.PG_CONSTRAINT, CatalogTables.CON_OID, c.oid(), st.freshSnapshot());
                CommentCommands.deleteFor(store, c.oid(), CatalogTables.PG_CONSTRAINT_OID, st);
            }
            case Statement.RenameDomainConstraint r -> {
                PgType.DomainCheck c = domain.domain().checks().stream().filter(k -> k.name().equals(r.from()))
                    .findFirst().orElse(null);
                if (c == null) {
                    throw DatabaseException.error("42704", "constraint \"" + r.from() + "\" for domain " + type.name()
                        + " does not exist");
                }
                if (domain.domain().checks().stream().anyMatch(k -> k.name().equals(r.to()))) {
                    throw DatabaseException.error("42710", "constraint \"" + r.to() + "\" for domain \"" + type.name()
                        + "\" already exists");
                }
                updateConstraint(st, c.oid(), CatalogTables.CON_NAME, new TextValue(PgType.NAME, r.to()));
            }
            case Statement.AddEnumValue x -> requireEnum(type);
            case Statement.RenameEnumValue x -> requireEnum(type);
            case Statement.AlterAttributes x -> throw DatabaseException.error(SqlState.SYNTAX_ERROR, "not an ALTER DOMAIN action");
            case Statement.RenameAttribute x -> throw DatabaseException.error(SqlState.SYNTAX_ERROR, "not an ALTER DOMAIN action");
        }
        st.transaction().commandCounterIncrement();
        return "ALTER DOMAIN";
    }

    /**
     * Whether a column of the domain has a row that is NULL ({@code what} "NULL") or fails the
     * CHECK text (a NULL result passes): validateDomainNotNullConstraint / validateDomainCheckConstraint.
     */
    private boolean columnHas(StorageTransaction st, Dependent x, String what, String checkText, StatementContext ctx) {
        String col = RelationCache.quoteIdent(x.column());
        String cond = what.equals("NULL") ? col + " IS NULL"
            : "NOT COALESCE((" + checkText.replaceAll("(?i)\\bvalue\\b", "(" + col + ")") + ")::bool, true)";
        String sql = "SELECT 1 FROM " + RelationCache.quoteIdent(x.schema()) + "." + RelationCache.quoteIdent(x.tableName())
            + " WHERE " + cond + " LIMIT 1";
        return session.queryRows(sql, ctx) > 0;
    }

    private void updateType(StorageTransaction st, long oid, int column, Value v) {
        CatalogStore.Entry e = storedType(st, oid);
        Value[] row = e.row().clone();
        row[column] = v;
        st.catalogChanged();
        new CatalogStore(st.services().heap(), st.transaction()).update(CatalogTables.PG_TYPE, e.tid(), row);
    }

    private void updateConstraint(StorageTransaction st, long oid, int column, Value v) {
        CatalogStore store = new CatalogStore(st.services().heap(), st.transaction());
        List<CatalogStore.Entry> rows = store.rowsWhere(CatalogTables.PG_CONSTRAINT, CatalogTables.CON_OID, oid,
            st.freshSnapshot());
        if (rows.isEmpty()) {
            return;
        }
        Value[] row = rows.get(0).row().clone();
        row[column] = v;
        st.catalogChanged();
        store.update(CatalogTables.PG_CONSTRAINT, rows.get(0).tid(), row);
    }

    private static void lockName(StorageTransaction st, long namespace, String name) {
        st.lock(new LockTag(LockTag.Kind.OBJECT, CatalogTables.DB_OID, CatalogTables.PG_TYPE_OID,
            (name.hashCode() * 31L + namespace) & 0xffff_ffffL), LockMode.ACCESS_EXCLUSIVE);
    }
}
