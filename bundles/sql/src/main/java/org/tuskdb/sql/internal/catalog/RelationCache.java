package org.tuskdb.sql.internal.catalog;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.function.Supplier;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.tuskdb.api.DatabaseException;
import org.tuskdb.api.SqlState;
import org.tuskdb.api.storage.RelFileLocator;
import org.tuskdb.api.xact.LockMode;
import org.tuskdb.api.xact.Snapshot;
import org.tuskdb.sql.internal.expr.Expression;
import org.tuskdb.sql.internal.storage.StorageContext;
import org.tuskdb.sql.internal.value.BoolValue;
import org.tuskdb.sql.internal.value.IntegerValue;
import org.tuskdb.sql.internal.value.OidValue;
import org.tuskdb.sql.internal.value.PgType;
import org.tuskdb.sql.internal.value.TextValue;
import org.tuskdb.sql.internal.value.Value;

/**
 * One backend's relation cache (PostgreSQL's relcache + RangeVarGetRelidExtended): name to
 * {@link TableDescriptor}, read from pg_class / pg_attribute with a catalog snapshot on a miss.
 *
 * <p>Rules: (1) {@link #checkInvalidation()} at the start of every statement and after every
 * table lock empties the cache when the shared {@link CatalogCounter} moved; (2) the lookup
 * locks the table it found, then, if the counter moved while it waited, looks again and keeps
 * the lock only if the name still means the same table; (3) a transaction's own DDL empties
 * the cache at once and again at its end ({@link #invalidateLocal()}); (4) misses are not
 * cached, but the resolved search path (existing schemas only) is, until the next emptying. {@link #generation()} counts the emptyings: prepared plans made at an older
 * generation are re-planned.
 */
public final class RelationCache {
    /** Analyzes stored expressions when a table is loaded: DEFAULTs and CHECK constraints. */
    public interface ExpressionLoader {
        /** A DEFAULT coerced to the column's type. */
        Expression analyzeDefault(String text, PgType type, int typmod);

        /** A CHECK constraint's boolean expression over the table's columns. */
        Expression analyzeCheck(String text, Relation table);

        /** pg_index.indexprs: the index's key expressions (comma-separated) over the table's columns. */
        default Expression[] analyzeIndexExpressions(String text, Relation table) {
            throw new UnsupportedOperationException("index expressions");
        }

        /** A stored generated column's expression over the table's columns, coerced to the column's type. */
        default GeneratedColumn analyzeGeneration(String text, Relation table, Relation.Column column) {
            throw new UnsupportedOperationException("generated columns");
        }

        /** A trigger's WHEN condition over the row {@code [OLD columns..., NEW columns...]}. */
        default Expression analyzeTriggerWhen(String text, Relation table) {
            throw new UnsupportedOperationException("trigger conditions");
        }
    }

    private final Catalog views;
    private final CatalogCounter counter;
    private final ExpressionLoader loader;
    private final Supplier<String> searchPathSetting;
    private final Map<String, Relation> byName = new HashMap<>();
    private final Map<String, Long> namespaces = new HashMap<>();
    private long seen;
    private int generation;
    private long tempNamespace = -1;

    public RelationCache(Catalog views, CatalogCounter counter, ExpressionLoader loader,
                         Supplier<String> searchPathSetting) {
        this.views = views;
        this.counter = counter;
        this.loader = loader;
        this.searchPathSetting = searchPathSetting;
        this.seen = counter.current();
        this.seenPath = searchPathSetting.get();
    }

    public int generation() {
        return generation;
    }

    /**
     * Empties the cache if the shared counter moved, or search_path changed (names may now mean
     * other relations, so plans made before must be re-planned); true when it did.
     */
    public boolean checkInvalidation() {
        long now = counter.current();
        String path = searchPathSetting.get();
        if (now != seen || !java.util.Objects.equals(path, seenPath)) {
            seen = now;
            seenPath = path;
            invalidateLocal();
            return true;
        }
        return false;
    }

    private String seenPath;

    public void invalidateLocal() {
        functions = null;
        roles = null;
        acls.clear();
        types = null;
        byName.clear();
        namespaces.clear();
        resolvedPath = null;
        generation++;
    }

    public CatalogCounter counter() {
        return counter;
    }

    /** The stored pg_proc rows, read with a catalog snapshot; kept until the next emptying. */
    private List<UserFunction> functions;

    /** Every user-defined function (none without the storage services). */
    public List<UserFunction> userFunctions(StorageContext sc) {
        if (sc == null || sc.services() == null || !sc.services().tablesAvailable()) {
            return List.of();
        }
        checkInvalidation();
        List<UserFunction> f = functions;
        if (f == null) {
            List<UserFunction> all = new ArrayList<>();
            for (CatalogStore.Entry e : new CatalogStore(sc.heap(), sc.transaction()).all(CatalogTables.PG_PROC,
                sc.freshSnapshot())) {
                all.add(UserFunction.fromRow(e.row(), oid -> {
                    PgType user = userTypes(sc).byOid(oid); // an enum or domain parameter / result
                    return user != null ? user : rowType(oid, sc);
                }));
            }
            f = List.copyOf(all);
            functions = f;
        }
        return f;
    }

    /** Objects' owners and ACLs by oid (Privileges), read on first use; kept until the next emptying. */
    private final Map<Long, Privileges.ObjectAcl> acls = new HashMap<>();

    /** A relation's, schema's, database's or (function) user function's owner and ACL; null when none. */
    public Privileges.ObjectAcl objectAcl(StorageContext sc, long oid, boolean function) {
        checkInvalidation();
        Privileges.ObjectAcl a = acls.get(oid);
        if (a == null) {
            a = Privileges.load(sc, oid, function);
            if (a != null) {
                acls.put(oid, a);
            }
        }
        return a;
    }

    /**
     * LookupExplicitNamespace: a name qualified by a schema needs USAGE on it (42501 "permission
     * denied for schema s" at the name); superusers and schemas that do not exist pass (the lookup
     * reports those).
     */
    private void checkSchemaUsage(String schema, int position, StorageContext sc) {
        long nsp = namespaceOid(schema, sc);
        if (nsp < 0 || nsp == tempNamespace || nsp == CatalogTables.PG_CATALOG_NAMESPACE) {
            return;
        }
        Roles r = roles(sc, sc.sessionUser());
        long me = Privileges.currentUser(sc, r);
        if (r.isSuperuser(me)) {
            return;
        }
        Privileges.ObjectAcl o = objectAcl(sc, nsp, false);
        if (o != null && (Privileges.mask(r, me, o) & AclItems.USAGE) == 0) {
            throw Privileges.denied(o).withPosition(position);
        }
    }

    /** pg_authid and pg_auth_members, read with a catalog snapshot; kept until the next emptying. */
    private Roles roles;

    /** The cluster's roles (without the storage services: {@code user} as the bootstrap superuser). */
    public Roles roles(StorageContext sc, String user) {
        if (sc == null || sc.services() == null || !sc.services().tablesAvailable()) {
            return Roles.synthesized(user == null || user.isEmpty() ? "postgres" : user);
        }
        checkInvalidation();
        Roles r = roles;
        if (r == null) {
            r = Roles.load(sc);
            roles = r;
        }
        return r;
    }

    /** The stored pg_type rows as types, read with a catalog snapshot; kept until the next emptying. */
    private UserTypes types;

    /**
     * Labels ALTER TYPE ... ADD VALUE added in this session's open transaction: not usable until
     * the transaction commits (55P04); emptied when it ends.
     */
    private final java.util.Set<Long> unsafeEnumLabels = new java.util.HashSet<>();

    public java.util.Set<Long> unsafeEnumLabels() {
        return unsafeEnumLabels;
    }

    /** The user-defined types (none without the storage services). */
    public UserTypes userTypes(StorageContext sc) {
        if (sc == null || sc.services() == null || !sc.services().tablesAvailable()) {
            return UserTypes.NONE;
        }
        checkInvalidation();
        UserTypes t = types;
        if (t == null) {
            List<Long> path = searchPath(sc, sc.sessionUser());
            t = UserTypes.load(sc, path::contains, nsp -> namespaceName(nsp, sc), unsafeEnumLabels);
            types = t;
        }
        return t;
    }

    /** A type by oid: a built-in one, else a user-defined one (or its array type); null when none. */
    public PgType typeByOid(long oid, StorageContext sc) {
        PgType t = PgType.byOid((int) oid);
        if (t != null || oid < 16384) {
            return t;
        }
        t = userTypes(sc).byOid(oid);
        if (t != null) {
            return t;
        }
        // a row type (a table's, a view's or a composite type's): its relation's oid, its array
        // type's that oid with the top bit set (RowTypes' rule)
        if ((oid & 0x8000_0000L) != 0) {
            PgType row = rowType(oid & 0x7fff_ffffL, sc);
            return row == null ? null : PgType.arrayOf(row);
        }
        return rowType(oid, sc);
    }

    /**
     * The row type a (possibly qualified) type name means: a table's, a view's or a composite
     * type's, in search_path order ("x[]" / "_x": its array type), or null. Nothing is locked.
     */
    public PgType rowTypeNamed(String schema, String name, StorageContext sc) {
        if (sc == null || sc.services() == null || !sc.services().tablesAvailable()) {
            return null;
        }
        boolean array = name.endsWith("[]");
        String base = array ? name.substring(0, name.length() - 2) : name;
        if (schema != null && namespaceOid(schema, sc) < 0) {
            return null;
        }
        Relation r = find(schema, base, sc);
        if (r == null && !array && base.startsWith("_")) {
            r = find(schema, base.substring(1), sc);
            array = r != null;
        }
        PgType t = r == null ? null : shownRowType(r, sc);
        return t == null ? null : array ? PgType.arrayOf(t) : t;
    }

    /** A relation's row type, shown schema-qualified when search_path does not find the relation by its name. */
    private PgType shownRowType(Relation r, StorageContext sc) {
        Relation first = find(null, r.name(), sc);
        String shown = quoteIdent(r.name());
        if (first == null || oidOf(first) != oidOf(r)) {
            shown = quoteIdent(r.schema()) + "." + shown;
        }
        return RowTypes.of(r, shown);
    }

    /**
     * The user-defined type a (possibly qualified) name means, in search_path order (pg_catalog
     * holds none), or null; {@code name} may end in "[]" or start with "_" for the array type.
     */
    public PgType userType(String schema, String name, StorageContext sc) {
        UserTypes all = userTypes(sc);
        if (all.types().isEmpty()) {
            return null;
        }
        boolean array = name.endsWith("[]");
        String base = array ? name.substring(0, name.length() - 2) : name;
        List<Long> path = schema != null ? List.of(namespaceOid(schema, sc)) : searchPath(sc, sc.sessionUser());
        for (long nsp : path) {
            PgType t = all.find(nsp, base);
            if (t != null) {
                return array ? PgType.arrayOf(t) : t;
            }
        }
        return null;
    }

    /** The row type of the table or view of that oid (a function's parameter or result type), or null. */
    private PgType rowType(long oid, StorageContext sc) {
        CatalogStore.Entry cls = new CatalogStore(sc.heap(), sc.transaction()).findClassByOid(oid, sc.freshSnapshot());
        if (cls == null) {
            return null;
        }
        Value[] c = cls.row();
        Relation r = cached(((OidValue) c[CatalogTables.CLASS_RELNAMESPACE]).value(),
            ((TextValue) c[CatalogTables.CLASS_RELNAME]).value(), sc);
        return r == null ? null : shownRowType(r, sc);
    }

    /**
     * The user-defined functions a name means (FuncnameGetCandidates): in that schema, or in
     * search_path's schemas in order, a signature hidden by an earlier schema's left out.
     */
    /**
     * The functions a stored expression's call of {@code name} may mean: as
     * {@link #userFunctions(String, String, StorageContext)}, and for an unqualified name that
     * search_path does not find, the functions of that name in every schema.
     */
    public List<UserFunction> storedExpressionFunctions(String schema, String name, StorageContext sc) {
        List<UserFunction> found = userFunctions(schema, name, sc);
        if (!found.isEmpty() || schema != null) {
            return found;
        }
        return userFunctions(sc).stream().filter(f -> f.name().equals(name)).toList();
    }

    public List<UserFunction> userFunctions(String schema, String name, StorageContext sc) {
        List<UserFunction> all = userFunctions(sc);
        if (all.isEmpty()) {
            return List.of();
        }
        List<Long> path = schema != null ? List.of(namespaceOid(schema, sc)) : searchPath(sc, sc.sessionUser());
        List<UserFunction> out = new ArrayList<>();
        for (long nsp : path) {
            for (UserFunction f : all) {
                if (f.namespace() == nsp && f.name().equals(name)
                    && out.stream().noneMatch(o -> o.argTypes().equals(f.argTypes()))) {
                    out.add(f);
                }
            }
        }
        return out;
    }

    /** This session's temporary namespace (pg_temp_N), or -1 before its first temporary table. */
    public long tempNamespace() {
        return tempNamespace;
    }

    public void setTempNamespace(long oid) {
        tempNamespace = oid;
    }

    /** The oid of the namespace of that name (pg_temp means this session's), or -1. */
    public long namespaceOid(String name, StorageContext sc) {
        if (name.equals("pg_catalog")) {
            return CatalogTables.PG_CATALOG_NAMESPACE;
        }
        if (name.equals("pg_temp")) {
            return tempNamespace;
        }
        Long cached = namespaces.get(name);
        if (cached != null) {
            return cached;
        }
        long oid = new CatalogStore(sc.heap(), sc.transaction()).namespaceOid(name, sc.freshSnapshot());
        if (oid >= 0) {
            namespaces.put(name, oid);
        }
        return oid;
    }

    /**
     * The namespaces unqualified names are looked up in, in order (PostgreSQL's
     * activeSearchPath): this session's temporary namespace, pg_catalog unless the path names it,
     * then the existing schemas of search_path ("$user" means the session user's schema).
     */
    public List<Long> searchPath(StorageContext sc, String user) {
        // Cached until the next emptying (like PostgreSQL's activeSearchPath, recomputed on a
        // pg_namespace invalidation): a schema of the path that does not exist ("$user", as a
        // rule) would otherwise cost a pg_namespace scan in every statement, misses not being cached.
        List<String> names = searchPathNames();
        if (resolvedPath != null && resolvedPathNames == names && resolvedPathTemp == tempNamespace
                && user.equals(resolvedPathUser)) {
            return resolvedPath;
        }
        List<Long> out = new ArrayList<>();
        if (tempNamespace >= 0 && !names.contains("pg_temp")) {
            out.add(tempNamespace);
        }
        if (!names.contains("pg_catalog")) {
            out.add(CatalogTables.PG_CATALOG_NAMESPACE);
        }
        for (String n : names) {
            long oid = namespaceOid(n.equals("$user") ? user : n, sc);
            if (oid >= 0 && !out.contains(oid)) {
                out.add(oid);
            }
        }
        resolvedPath = List.copyOf(out);
        resolvedPathNames = names;
        resolvedPathTemp = tempNamespace;
        resolvedPathUser = user;
        return resolvedPath;
    }

    private List<Long> resolvedPath;
    private List<String> resolvedPathNames;
    private long resolvedPathTemp;
    private String resolvedPathUser;

    /**
     * Where CREATE puts an unqualified object: the first existing schema of search_path (not
     * pg_catalog or pg_temp implicitly), else 3F000.
     */
    public long creationNamespace(StorageContext sc, String user, int position) {
        for (String n : searchPathNames()) {
            if (n.equals("pg_temp")) {
                continue;
            }
            long oid = namespaceOid(n.equals("$user") ? user : n, sc);
            if (oid >= 0) {
                return oid;
            }
        }
        throw DatabaseException.atPosition("3F000", "no schema has been selected to create in", position);
    }

    /** search_path's elements, unquoted; "$user" stays as it is. */
    public List<String> searchPathNames() {
        String v = searchPathSetting.get();
        if (v != null && v.equals(parsedPathText)) {
            return parsedPath;
        }
        List<String> out = new ArrayList<>();
        if (v == null) {
            return out;
        }
        for (String part : v.split(",")) {
            String p = part.strip();
            if (p.isEmpty()) {
                continue;
            }
            if (p.startsWith("\"") && p.endsWith("\"") && p.length() >= 2) {
                p = p.substring(1, p.length() - 1).replace("\"\"", "\"");
            } else {
                p = p.toLowerCase(java.util.Locale.ROOT);
            }
            out.add(p);
        }
        parsedPathText = v;
        parsedPath = List.copyOf(out);
        return parsedPath;
    }

    private String parsedPathText;
    private List<String> parsedPath = List.of();

    /** The name of the namespace with that oid (for error messages and \\d), or null. */
    public String namespaceName(long oid, StorageContext sc) {
        if (oid == CatalogTables.PG_CATALOG_NAMESPACE) {
            return "pg_catalog";
        }
        if (oid == CatalogTables.PUBLIC_NAMESPACE) {
            return "public";
        }
        CatalogStore.Entry e = new CatalogStore(sc.heap(), sc.transaction()).namespaceByOid(oid, sc.freshSnapshot());
        return e == null ? null : ((TextValue) e.row()[1]).value();
    }

    /**
     * The relation a (possibly qualified) name means, locked in {@code mode} if it is stored (no
     * lock for null). Missing: null with {@code missingOk}, else 42P01 at {@code position}.
     */
    public Relation lookup(String schema, String name, LockMode mode, int position, boolean missingOk,
                           StorageContext sc) {
        boolean tables = sc != null && sc.services() != null && sc.services().tablesAvailable();
        if (InformationSchema.SCHEMA.equals(schema)) {
            Relation v = InformationSchema.view(name);
            return v != null ? v : missing(schema, name, position, missingOk);
        }
        if (schema == null || schema.equals("pg_catalog")) {
            SystemView v = views.view(name);
            if (v != null) {
                return v;
            }
            TableDescriptor nailed = CatalogTables.nailedByName(name);
            if (nailed != null && tables) {
                if (mode != null) {
                    sc.lockRelation(nailed.oid(), mode);
                }
                return nailed;
            }
        }
        if (!tables) {
            return missing(schema, name, position, missingOk);
        }
        if (schema != null) {
            checkSchemaUsage(schema, position, sc);
        }
        while (true) {
            checkInvalidation();
            Relation t = find(schema, name, sc);
            if (t == null) {
                if (!missingOk) {
                    IndexCatalog.refuseIndex(this, schema, name, position, sc);
                }
                return missing(schema, name, position, missingOk);
            }
            if (mode == null) {
                return t;
            }
            if (t instanceof CompositeTypeDescriptor) {
                throw DatabaseException.atPosition("42809", "\"" + name + "\" is a composite type", position);
            }
            long oid = oidOf(t);
            sc.lockRelation(oid, mode);
            if (!checkInvalidation()) {
                return t;
            }
            Relation again = find(schema, name, sc);
            if (again != null && oidOf(again) == oid) {
                return again;
            }
            sc.unlockRelation(oid, mode);
            if (again == null) {
                return missing(schema, name, position, missingOk);
            }
        }
    }

    public static long oidOf(Relation r) {
        return switch (r) {
            case TableDescriptor t -> t.oid();
            case SequenceDescriptor s -> s.oid();
            case ViewDescriptor v -> v.oid();
            case CompositeTypeDescriptor c -> c.oid();
            default -> 0;
        };
    }

    private Relation find(String schema, String name, StorageContext sc) {
        if (schema != null) {
            long nsp = namespaceOid(schema, sc);
            return nsp < 0 ? null : cached(nsp, name, sc);
        }
        for (long nsp : searchPath(sc, sc.sessionUser())) {
            if (nsp == CatalogTables.PG_CATALOG_NAMESPACE) {
                continue; // the nailed catalogs were tried first
            }
            Relation r = cached(nsp, name, sc);
            if (r != null) {
                return r;
            }
        }
        return null;
    }

    /** The relation of that namespace and name as this session's cache has it (loading it if need be), or null. */
    public Relation cachedRelation(long nsp, String name, StorageContext sc) {
        return cached(nsp, name, sc);
    }

    private Relation cached(long nsp, String name, StorageContext sc) {
        String key = nsp + "." + name;
        Relation r = byName.get(key);
        if (r == null) {
            r = load(nsp, name, sc);
            if (r != null) {
                byName.put(key, r);
            }
        }
        return r;
    }

    /** A view's column defaults and check_option (ViewDescriptor.withUpdateOptions). */
    private static ViewDescriptor withUpdateOptions(ViewDescriptor view, Value[] cls, CatalogStore store,
                                                    Snapshot snapshot, ExpressionLoader loader) {
        Expression[] defaults = new Expression[view.columns().size()];
        for (CatalogStore.Entry d : store.rowsWhere(CatalogTables.PG_ATTRDEF, CatalogTables.ATTRDEF_RELID, view.oid(),
            snapshot)) {
            int i = (int) ((IntegerValue) d.row()[CatalogTables.ATTRDEF_NUM]).value() - 1;
            if (i >= 0 && i < defaults.length) {
                Relation.Column c = view.columns().get(i);
                defaults[i] = loader.analyzeDefault(((TextValue) d.row()[CatalogTables.ATTRDEF_BIN]).value(), c.type(),
                    c.typmod());
            }
        }
        String check = null;
        if (cls[CatalogTables.CLASS_RELOPTIONS] instanceof TextValue options) {
            for (String item : options.value().replaceAll("[{}]", "").split(",")) {
                if (item.startsWith("check_option=")) {
                    check = item.substring("check_option=".length());
                }
            }
        }
        return view.withUpdateOptions(defaults, check);
    }

    private static Relation missing(String schema, String name, int position, boolean missingOk) {
        if (missingOk) {
            return null;
        }
        String shown = schema == null ? name : schema + "." + name;
        throw DatabaseException.atPosition(SqlState.UNDEFINED_TABLE, "relation \"" + shown + "\" does not exist",
            position);
    }

    /** Reads the relation's catalog rows with a fresh catalog snapshot; null when there is none. */
    private Relation load(long namespace, String name, StorageContext sc) {
        Snapshot snapshot = sc.freshSnapshot();
        CatalogStore store = new CatalogStore(sc.heap(), sc.transaction());
        CatalogStore.Entry cls = store.findClass(namespace, name, snapshot);
        if (cls == null) {
            return null;
        }
        Value[] c = cls.row();
        long oid = ((OidValue) c[CatalogTables.CLASS_OID]).value();
        long relfilenode = ((OidValue) c[CatalogTables.CLASS_RELFILENODE]).value();
        String relkind = ((TextValue) c[CatalogTables.CLASS_RELKIND]).value();
        String schemaName = namespaceName(namespace, sc);
        if (relkind.equals("S")) {
            RelFileLocator locator = new RelFileLocator(CatalogTables.DB_OID, relfilenode);
            List<CatalogStore.Entry> seq = store.rowsWhere(CatalogTables.PG_SEQUENCE, 0, oid, snapshot);
            if (seq.isEmpty()) {
                return null;
            }
            Value[] q = seq.get(0).row();
            return new SequenceDescriptor(oid, schemaName, namespace, name, locator,
                typeByOid(((OidValue) q[1]).value(), sc), int8(q[2]), int8(q[3]), int8(q[4]), int8(q[5]),
                int8(q[6]), ((BoolValue) q[7]).value());
        }
        if (relkind.equals("c")) {
            List<Relation.Column> attributes = new ArrayList<>();
            for (CatalogStore.Entry a : store.attributes(oid, snapshot)) {
                Value[] r = a.row();
                if (!((BoolValue) r[CatalogTables.ATT_DROPPED]).value()) {
                    attributes.add(new Relation.Column(((TextValue) r[CatalogTables.ATT_NAME]).value(),
                        typeByOid(((OidValue) r[CatalogTables.ATT_TYPID]).value(), sc),
                        (int) ((IntegerValue) r[CatalogTables.ATT_TYPMOD]).value()));
                }
            }
            return new CompositeTypeDescriptor(oid, schemaName, namespace, name,
                CatalogTables.owner(c[CatalogTables.CLASS_RELOWNER]), List.copyOf(attributes));
        }
        if (relkind.equals("i")) {
            return null; // an index is no FROM item (PostgreSQL: 42809); IndexCatalog finds it by name
        }
        if (relkind.equals("v")) {
            List<CatalogStore.Entry> rules = store.rowsWhere(CatalogTables.PG_REWRITE, CatalogTables.REWRITE_CLASS, oid,
                snapshot);
            if (rules.isEmpty() || !(loader instanceof ViewLoader vl)) {
                return null;
            }
            List<Relation.Column> viewColumns = new ArrayList<>();
            for (CatalogStore.Entry a : store.attributes(oid, snapshot)) {
                Value[] r = a.row();
                viewColumns.add(new Relation.Column(((TextValue) r[CatalogTables.ATT_NAME]).value(),
                    typeByOid(((OidValue) r[CatalogTables.ATT_TYPID]).value(), sc),
                    (int) ((IntegerValue) r[CatalogTables.ATT_TYPMOD]).value()));
            }
            ViewDescriptor view = vl.loadView(oid, schemaName, namespace, name,
                ((TextValue) rules.get(0).row()[CatalogTables.REWRITE_ACTION]).value(), viewColumns,
                (s, n) -> lookup(s, n, null, 0, false, sc));
            return TriggerCatalog.attach(withUpdateOptions(view, c, store, snapshot, loader), store, snapshot, loader);
        }
        RelFileLocator locator = new RelFileLocator(CatalogTables.DB_OID, relfilenode);
        List<Relation.Column> columns = new ArrayList<>();
        List<Boolean> notNull = new ArrayList<>();
        List<Integer> attnums = new ArrayList<>();
        List<String> identity = new ArrayList<>();
        List<Boolean> generatedColumns = new ArrayList<>();
        for (CatalogStore.Entry a : store.attributes(oid, snapshot)) {
            Value[] r = a.row();
            if (((BoolValue) r[CatalogTables.ATT_DROPPED]).value()) {
                continue;
            }
            PgType type = typeByOid(((OidValue) r[CatalogTables.ATT_TYPID]).value(), sc);
            columns.add(new Relation.Column(((TextValue) r[CatalogTables.ATT_NAME]).value(), type,
                (int) ((IntegerValue) r[CatalogTables.ATT_TYPMOD]).value()));
            notNull.add(((BoolValue) r[CatalogTables.ATT_NOTNULL]).value());
            attnums.add((int) ((IntegerValue) r[CatalogTables.ATT_NUM]).value());
            String id = r[CatalogTables.ATT_IDENTITY] == null ? "" : ((TextValue) r[CatalogTables.ATT_IDENTITY]).value();
            identity.add(id.equals("a") || id.equals("d") ? id : "");
            generatedColumns.add(CatalogTables.generated(r));
        }
        boolean[] nn = new boolean[columns.size()];
        Expression[] defs = new Expression[columns.size()];
        String[] texts = new String[columns.size()];
        for (int i = 0; i < nn.length; i++) {
            nn[i] = notNull.get(i);
        }
        for (CatalogStore.Entry d : store.rowsWhere(CatalogTables.PG_ATTRDEF, CatalogTables.ATTRDEF_RELID, oid, snapshot)) {
            int i = attnums.indexOf((int) ((IntegerValue) d.row()[CatalogTables.ATTRDEF_NUM]).value());
            if (i >= 0) {
                texts[i] = ((TextValue) d.row()[CatalogTables.ATTRDEF_BIN]).value();
                if (!generatedColumns.get(i)) { // a generation expression is analyzed over the table below
                    defs[i] = loader.analyzeDefault(texts[i], columns.get(i).type(), columns.get(i).typmod());
                }
            }
        }
        for (int i = 0; i < defs.length; i++) {
            // a domain column without a DEFAULT of its own takes the domain's, else NULL, coerced to the
            // domain: a missing value is then checked too (NOT NULL, CHECK), as PostgreSQL's
            PgType.Domain d = columns.get(i).type().domain();
            if (defs[i] == null && identity.get(i).isEmpty() && !generatedColumns.get(i) && d != null
                && (d.defaultText() != null || d.notNull() || !d.checks().isEmpty())) {
                defs[i] = loader.analyzeDefault(d.defaultText() != null ? d.defaultText() : "NULL",
                    columns.get(i).type(), columns.get(i).typmod());
            }
        }
        if (identity.stream().anyMatch(x -> !x.isEmpty())) {
            for (CatalogStore.Entry d : store.rowsWhere(CatalogTables.PG_DEPEND, CatalogTables.DEP_REFOBJID, oid,
                snapshot)) {
                Value[] r = d.row();
                if (!((TextValue) r[CatalogTables.DEP_TYPE]).value().equals("i")) {
                    continue;
                }
                int i = attnums.indexOf((int) ((IntegerValue) r[CatalogTables.DEP_REFOBJSUBID]).value());
                CatalogStore.Entry seq = store.findClassByOid(((OidValue) r[CatalogTables.DEP_OBJID]).value(), snapshot);
                if (i >= 0 && seq != null) {
                    String nsp = namespaceName(((OidValue) seq.row()[CatalogTables.CLASS_RELNAMESPACE]).value(), sc);
                    texts[i] = null;
                    defs[i] = loader.analyzeDefault("nextval('" + quoteIdent(nsp) + "." + quoteIdent(
                        ((TextValue) seq.row()[CatalogTables.CLASS_RELNAME]).value()).replace("'", "''") + "')",
                        columns.get(i).type(), columns.get(i).typmod());
                }
            }
        }
        String options = c[CatalogTables.CLASS_RELOPTIONS] == null ? null
            : ((TextValue) c[CatalogTables.CLASS_RELOPTIONS]).value();
        boolean temporary = "t".equals(((TextValue) c[CatalogTables.CLASS_RELPERSISTENCE]).value());
        int[] numbers = attnums.stream().mapToInt(Integer::intValue).toArray();
        TableDescriptor plain = new TableDescriptor(oid, schemaName, namespace, name, locator, columns, nn, defs, texts,
            options, false, List.of(), identity.toArray(String[]::new), temporary, numbers);
        List<CheckConstraint> checks = new ArrayList<>();
        for (CatalogStore.Entry k : store.rowsWhere(CatalogTables.PG_CONSTRAINT, CatalogTables.CON_RELID, oid, snapshot)) {
            Value[] r = k.row();
            if (((TextValue) r[CatalogTables.CON_TYPE]).value().equals("c")) {
                String text = ((TextValue) r[CatalogTables.CON_BIN]).value();
                checks.add(new CheckConstraint(((TextValue) r[CatalogTables.CON_NAME]).value(), text,
                    loader.analyzeCheck(text, plain)));
            }
        }
        checks.sort(Comparator.comparing(CheckConstraint::name));
        TableDescriptor table = checks.isEmpty() ? plain : new TableDescriptor(oid, schemaName, namespace, name, locator,
            columns, nn, defs, texts, options, false, checks, plain.identity(), temporary, numbers);
        if (generatedColumns.contains(true)) {
            GeneratedColumn[] generation = new GeneratedColumn[columns.size()];
            for (int i = 0; i < generation.length; i++) {
                if (generatedColumns.get(i) && texts[i] != null) {
                    generation[i] = loader.analyzeGeneration(texts[i], plain, columns.get(i));
                }
            }
            table = table.withGenerated(generation);
        }
        if (relkind.equals("m")) {
            table = table.asMatview(CatalogTables.populated(c));
        }
        table = TriggerCatalog.attach(ForeignKeyCatalog.attach(IndexCatalog.attach(table, store, snapshot, loader),
            store, snapshot), store, snapshot, loader);
        return PartitionCatalog.attach(table, c, store, snapshot, childOid -> {
            CatalogStore.Entry e = store.findClassByOid(childOid, snapshot);
            return e == null ? null : load(((OidValue) e.row()[CatalogTables.CLASS_RELNAMESPACE]).value(),
                ((TextValue) e.row()[CatalogTables.CLASS_RELNAME]).value(), sc) instanceof TableDescriptor d ? d : null;
        });
    }

    /** PostgreSQL's quote_identifier for names a stored expression refers to. */
    public static String quoteIdent(String name) {
        boolean plain = !name.isEmpty() && (Character.isLowerCase(name.charAt(0)) || name.charAt(0) == '_');
        for (int i = 0; plain && i < name.length(); i++) {
            char ch = name.charAt(i);
            plain = (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '_';
        }
        return plain ? name : "\"" + name.replace("\"", "\"\"") + "\"";
    }

    private static long int8(Value v) {
        return ((IntegerValue) v).value();
    }

    /** An {@link ExpressionLoader} that can also analyze a view's stored query. */
    public interface ViewLoader extends ExpressionLoader {
        ViewDescriptor loadView(long oid, String schema, long namespace, String name, String query,
                                List<Relation.Column> columns, Resolver relations);
    }

    /** Relation names as the loading session sees them (no lock taken). */
    @FunctionalInterface
    public interface Resolver {
        Relation resolve(String schema, String name);
    }
}
