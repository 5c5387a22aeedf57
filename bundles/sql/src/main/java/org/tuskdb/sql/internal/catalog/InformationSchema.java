package org.tuskdb.sql.internal.catalog;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.tuskdb.api.xact.Snapshot;
import org.tuskdb.sql.internal.expr.EvalContext;
import org.tuskdb.sql.internal.storage.StorageContext;
import org.tuskdb.sql.internal.value.IntegerValue;
import org.tuskdb.sql.internal.value.PgType;
import org.tuskdb.sql.internal.value.TextValue;
import org.tuskdb.sql.internal.value.Value;

/**
 * The information_schema views applications and migration tools read most: schemata, tables,
 * views and columns, computed from the stored catalogs at scan start as PostgreSQL's SQL
 * definitions compute them from pg_catalog (every object is visible: a Tusk user is the
 * superuser; other sessions' temporary relations are left out, as PostgreSQL's views leave them). Names are {@code name}s (PostgreSQL's sql_identifier domain is over name), the
 * character_data and yes_or_no columns text, cardinal_number int4.
 *
 * <p>Column defaults come as pg_get_expr shows them, through {@code defaults} (the function
 * library's deparser, given by the catalog's owner).
 */
public final class InformationSchema {
    public static final String SCHEMA = "information_schema";
    /** PostgreSQL 15's oid of the information_schema namespace (initdb creates it right after the catalogs). */
    public static final long NAMESPACE_OID = 13207;

    /** A view of information_schema. */
    public record View(String name, List<Relation.Column> columns, Function<EvalContext, List<Value[]>> source)
        implements SystemView {
        @Override public String schema() { return SCHEMA; }
        @Override public List<Value[]> rows(EvalContext ctx) { return source.apply(ctx); }
    }

    private static final String[] PRIVILEGE_COLUMNS = {"grantor", "grantee", "table_catalog", "table_schema",
        "table_name", "privilege_type text", "is_grantable text", "with_hierarchy text"};

    private static final List<View> VIEWS = List.of(
        view("schemata", InformationSchema::schemata, "catalog_name", "schema_name", "schema_owner",
            "default_character_set_catalog", "default_character_set_schema", "default_character_set_name",
            "sql_path text"),
        view("tables", InformationSchema::tables, "table_catalog", "table_schema", "table_name", "table_type text",
            "self_referencing_column_name", "reference_generation text", "user_defined_type_catalog",
            "user_defined_type_schema", "user_defined_type_name", "is_insertable_into text", "is_typed text",
            "commit_action text"),
        view("views", InformationSchema::views, "table_catalog", "table_schema", "table_name", "view_definition text",
            "check_option text", "is_updatable text", "is_insertable_into text", "is_trigger_updatable text",
            "is_trigger_deletable text", "is_trigger_insertable_into text"),
        view("columns", InformationSchema::columns, "table_catalog", "table_schema", "table_name", "column_name",
            "ordinal_position int4", "column_default text", "is_nullable text", "data_type text",
            "character_maximum_length int4", "character_octet_length int4", "numeric_precision int4",
            "numeric_precision_radix int4", "numeric_scale int4", "datetime_precision int4", "interval_type text",
            "interval_precision int4", "character_set_catalog", "character_set_schema", "character_set_name",
            "collation_catalog", "collation_schema", "collation_name", "domain_catalog", "domain_schema",
            "domain_name", "udt_catalog", "udt_schema", "udt_name", "scope_catalog", "scope_schema", "scope_name",
            "maximum_cardinality int4", "dtd_identifier", "is_self_referencing text", "is_identity text",
            "identity_generation text", "identity_start text", "identity_increment text", "identity_maximum text",
            "identity_minimum text", "identity_cycle text", "is_generated text", "generation_expression text",
            "is_updatable text"),
        view("table_constraints", InformationSchema::tableConstraints, "constraint_catalog", "constraint_schema",
            "constraint_name", "table_catalog", "table_schema", "table_name", "constraint_type text",
            "is_deferrable text", "initially_deferred text", "enforced text", "nulls_distinct text"),
        view("check_constraints", InformationSchema::checkConstraints, "constraint_catalog", "constraint_schema",
            "constraint_name", "check_clause text"),
        view("key_column_usage", InformationSchema::keyColumnUsage, "constraint_catalog", "constraint_schema",
            "constraint_name", "table_catalog", "table_schema", "table_name", "column_name", "ordinal_position int4",
            "position_in_unique_constraint int4"),
        view("referential_constraints", InformationSchema::referentialConstraints, "constraint_catalog",
            "constraint_schema", "constraint_name", "unique_constraint_catalog", "unique_constraint_schema",
            "unique_constraint_name", "match_option text", "update_rule text", "delete_rule text"),
        view("constraint_column_usage", InformationSchema::constraintColumnUsage, "table_catalog", "table_schema",
            "table_name", "column_name", "constraint_catalog", "constraint_schema", "constraint_name"),
        view("triggers", InformationSchema::triggers, "trigger_catalog", "trigger_schema", "trigger_name",
            "event_manipulation text", "event_object_catalog", "event_object_schema", "event_object_table",
            "action_order int4", "action_condition text", "action_statement text", "action_orientation text",
            "action_timing text", "action_reference_old_table", "action_reference_new_table",
            "action_reference_old_row", "action_reference_new_row", "created timestamptz"),
        view("sequences", InformationSchema::sequences, "sequence_catalog", "sequence_schema", "sequence_name",
            "data_type text", "numeric_precision int4", "numeric_precision_radix int4", "numeric_scale int4",
            "start_value text", "minimum_value text", "maximum_value text", "increment text", "cycle_option text"),
        view("table_privileges", c -> tablePrivileges(c, false), PRIVILEGE_COLUMNS),
        view("role_table_grants", c -> tablePrivileges(c, true), PRIVILEGE_COLUMNS),
        view("column_privileges", InformationSchema::columnPrivileges, "grantor", "grantee", "table_catalog",
            "table_schema", "table_name", "column_name", "privilege_type text", "is_grantable text"));

    private static final Map<String, View> BY_NAME = new HashMap<>();

    /**
     * table_privileges / role_table_grants: one row per privilege of each aclitem of a relation (the
     * owner's defaults when its ACL is null) whose grantor or grantee the current user has the privileges
     * of — or, for table_privileges, whose grantee is PUBLIC; is_grantable YES for grant options and the
     * owner, with_hierarchy YES for SELECT, as PostgreSQL's views.
     */
    /** has_schema_privilege(nsp, 'CREATE, USAGE') for the current user. */
    private static boolean schemaUsable(EvalContext ctx, Roles roles, long nsp) {
        StorageContext sc = ctx.storage();
        if (!CatalogNames.tables(sc) || sc.relationCache() == null) {
            return true;
        }
        Privileges.ObjectAcl o = sc.relationCache().objectAcl(sc, nsp, false);
        return o == null || (Privileges.mask(roles, ctx.userOid(), o) & (AclItems.CREATE | AclItems.USAGE)) != 0;
    }

    private static List<Value[]> tablePrivileges(EvalContext ctx, boolean rolesOnly) {
        Catalogs c = read(ctx);
        Roles roles = Roles.of(ctx);
        long me = ctx.userOid();
        String[] names = {"INSERT", "SELECT", "UPDATE", "DELETE", "TRUNCATE", "REFERENCES", "TRIGGER"};
        int[] bits = {AclItems.INSERT, AclItems.SELECT, AclItems.UPDATE, AclItems.DELETE, AclItems.TRUNCATE,
            AclItems.REFERENCES, AclItems.TRIGGER};
        List<Value[]> out = new ArrayList<>();
        for (Value[] r : c.classes()) {
            String kind = str(r[CatalogTables.CLASS_RELKIND]);
            String schema = c.namespaces().get(oid(r[CatalogTables.CLASS_RELNAMESPACE]));
            if (schema == null || !(kind.equals("r") || kind.equals("v") || kind.equals("m") || kind.equals("p"))) {
                continue;
            }
            long owner = CatalogTables.owner(r[CatalogTables.CLASS_RELOWNER]);
            for (AclItems.Item i : AclItems.effective(r[CatalogTables.CLASS_RELACL], "TABLE", owner)) {
                if (!visible(roles, me, i, !rolesOnly)) {
                    continue;
                }
                for (int k = 0; k < bits.length; k++) {
                    if ((i.privileges() & bits[k]) == 0) {
                        continue;
                    }
                    boolean grantable = grantable(roles, i, bits[k], owner);
                    out.add(new Value[] {name(roles.name(i.grantor())), name(i.grantee() == 0 ? "PUBLIC"
                        : roles.name(i.grantee())), name(c.database()), name(schema), r[CatalogTables.CLASS_RELNAME],
                        TextValue.text(names[k]), TextValue.text(grantable ? "YES" : "NO"),
                        TextValue.text(bits[k] == AclItems.SELECT ? "YES" : "NO")});
                }
            }
        }
        return out;
    }

    /** The privilege views' filter: the current user has the grantor's or grantee's privileges (or PUBLIC is the grantee). */
    private static boolean visible(Roles roles, long me, AclItems.Item i, boolean publicToo) {
        return roles.hasPrivilegesOf(me, i.grantor()) || i.grantee() != 0 && roles.hasPrivilegesOf(me, i.grantee())
            || publicToo && i.grantee() == 0;
    }

    /** is_grantable: a grant option, or a grantee with the owner's privileges. */
    private static boolean grantable(Roles roles, AclItems.Item i, int bit, long owner) {
        return (i.grantOptions() & bit) != 0 || i.grantee() != 0 && roles.hasPrivilegesOf(i.grantee(), owner);
    }

    /**
     * column_privileges: for every live column of a table, view or partitioned table, each SELECT /
     * INSERT / UPDATE / REFERENCES of the table's aclitems (its owner's defaults when null) and of the
     * column's own attacl, once (PostgreSQL's view is a UNION); shown when the current user has the
     * privileges of the grantor or grantee, or the grantee is PUBLIC. is_grantable as table_privileges.
     */
    private static List<Value[]> columnPrivileges(EvalContext ctx) {
        Catalogs c = read(ctx);
        Roles roles = Roles.of(ctx);
        long me = ctx.userOid();
        String[] names = {"INSERT", "SELECT", "UPDATE", "REFERENCES"};
        int[] bits = {AclItems.INSERT, AclItems.SELECT, AclItems.UPDATE, AclItems.REFERENCES};
        Map<Long, List<Value[]>> columns = new HashMap<>();
        for (Value[] a : c.attributes()) {
            if (num(a[CatalogTables.ATT_NUM]) > 0 && !(a[CatalogTables.ATT_DROPPED] instanceof org.tuskdb.sql.internal.value.BoolValue b && b.value())) {
                columns.computeIfAbsent(oid(a[CatalogTables.ATT_RELID]), k -> new ArrayList<>()).add(a);
            }
        }
        List<Value[]> out = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (Value[] r : c.classes()) {
            String kind = str(r[CatalogTables.CLASS_RELKIND]);
            String schema = c.namespaces().get(oid(r[CatalogTables.CLASS_RELNAMESPACE]));
            if (schema == null || !(kind.equals("r") || kind.equals("v") || kind.equals("f") || kind.equals("p"))) {
                continue;
            }
            long owner = CatalogTables.owner(r[CatalogTables.CLASS_RELOWNER]);
            List<AclItems.Item> table = AclItems.effective(r[CatalogTables.CLASS_RELACL], "TABLE", owner);
            for (Value[] a : columns.getOrDefault(oid(r[CatalogTables.CLASS_OID]), List.of())) {
                List<AclItems.Item> items = new ArrayList<>(table);
                if (a[CatalogTables.ATT_ACL] != null) {
                    items.addAll(AclItems.parse(str(a[CatalogTables.ATT_ACL])));
                }
                for (AclItems.Item i : items) {
                    if (!visible(roles, me, i, true)) {
                        continue;
                    }
                    for (int k = 0; k < bits.length; k++) {
                        if ((i.privileges() & bits[k]) == 0) {
                            continue;
                        }
                        boolean grantable = grantable(roles, i, bits[k], owner);
                        if (seen.add(i.grantor() + "/" + i.grantee() + "/" + oid(r[CatalogTables.CLASS_OID]) + "/"
                                + num(a[CatalogTables.ATT_NUM]) + "/" + k + "/" + grantable)) {
                            out.add(new Value[] {name(roles.name(i.grantor())), name(i.grantee() == 0 ? "PUBLIC"
                                : roles.name(i.grantee())), name(c.database()), name(schema),
                                r[CatalogTables.CLASS_RELNAME], a[CatalogTables.ATT_NAME], TextValue.text(names[k]),
                                TextValue.text(grantable ? "YES" : "NO")});
                        }
                    }
                }
            }
        }
        return out;
    }

    static {
        for (View v : VIEWS) {
            BY_NAME.put(v.name(), v);
        }
    }

    private InformationSchema() {}

    /** The view information_schema.name, or null. */
    public static View view(String name) {
        return BY_NAME.get(name);
    }

    public static List<View> all() {
        return VIEWS;
    }

    /** A column spec "name [type]": without a type a name (sql_identifier). */
    private static View view(String name, Function<EvalContext, List<Value[]>> source,
                             String... columns) {
        List<Relation.Column> cols = new ArrayList<>();
        for (String c : columns) {
            int sp = c.indexOf(' ');
            cols.add(sp < 0 ? new Relation.Column(c, PgType.NAME)
                : new Relation.Column(c.substring(0, sp), PgType.byName(c.substring(sp + 1))));
        }
        return new View(name, List.copyOf(cols), source);
    }

    // ---- the catalogs, read once per scan ------------------------------------------------------

    /** The rows of the stored catalogs a view needs, under one fresh snapshot. */
    private record Catalogs(String database, Map<Long, String> namespaces, List<Value[]> classes,
                            List<Value[]> attributes, Map<String, String> defaults, Map<Long, String> viewDefinitions,
                            List<Value[]> constraints, List<Value[]> sequences) {}

    private static Catalogs read(EvalContext ctx) {
        StorageContext sc = ctx.storage();
        String db = ctx.database() == null ? "postgres" : ctx.database();
        if (!CatalogNames.tables(sc)) {
            return new Catalogs(db, Map.of(), List.of(), List.of(), Map.of(), Map.of(), List.of(), List.of());
        }
        Snapshot snap = sc.freshSnapshot();
        CatalogStore store = new CatalogStore(sc.heap(), sc.transaction());
        Map<Long, String> namespaces = new HashMap<>();
        for (CatalogStore.Entry e : store.all(CatalogTables.PG_NAMESPACE, snap)) {
            namespaces.put(oid(e.row()[0]), str(e.row()[1]));
        }
        // other sessions' temporary objects are not shown (the views' NOT pg_is_other_temp_schema)
        java.util.Set<Long> otherTemp = new java.util.HashSet<>();
        String mine = "pg_temp_" + ctx.backendPid();
        for (Map.Entry<Long, String> n : namespaces.entrySet()) {
            String s = n.getValue();
            if ((s.startsWith("pg_temp_") || s.startsWith("pg_toast_temp_")) && !s.equals(mine)) {
                otherTemp.add(n.getKey());
            }
        }
        List<Value[]> classes = new ArrayList<>();
        for (CatalogStore.Entry e : store.all(CatalogTables.PG_CLASS, snap)) {
            if (!otherTemp.contains(oid(e.row()[CatalogTables.CLASS_RELNAMESPACE]))) {
                classes.add(e.row());
            }
        }
        List<Value[]> attributes = new ArrayList<>();
        for (CatalogStore.Entry e : store.all(CatalogTables.PG_ATTRIBUTE, snap)) {
            attributes.add(e.row());
        }
        Map<String, String> defaults = new HashMap<>();
        for (CatalogStore.Entry e : store.all(CatalogTables.PG_ATTRDEF, snap)) {
            Value[] d = e.row();
            defaults.put(oid(d[CatalogTables.ATTRDEF_RELID]) + "." + num(d[CatalogTables.ATTRDEF_NUM]),
                str(d[CatalogTables.ATTRDEF_BIN]));
        }
        Map<Long, String> viewDefinitions = new HashMap<>();
        for (CatalogStore.Entry e : store.all(CatalogTables.PG_REWRITE, snap)) {
            Value[] w = e.row();
            viewDefinitions.put(oid(w[CatalogTables.REWRITE_CLASS]), str(w[CatalogTables.REWRITE_ACTION]));
        }
        List<Value[]> constraints = new ArrayList<>();
        for (CatalogStore.Entry e : store.all(CatalogTables.PG_CONSTRAINT, snap)) {
            constraints.add(e.row());
        }
        List<Value[]> sequences = new ArrayList<>();
        for (CatalogStore.Entry e : store.all(CatalogTables.PG_SEQUENCE, snap)) {
            sequences.add(e.row());
        }
        return new Catalogs(db, namespaces, classes, attributes, defaults, viewDefinitions, constraints, sequences);
    }

    // ---- constraints and sequences ----------------------------------------------------------

    /** The tables (relkind r) by oid, and column names by "relid.attnum". */
    private record Tables(Map<Long, Value[]> byOid, Map<String, String> columnNames) {
        static Tables of(Catalogs c) {
            Map<Long, Value[]> byOid = new HashMap<>();
            for (Value[] r : c.classes()) {
                if (str(r[CatalogTables.CLASS_RELKIND]).equals("r") || str(r[CatalogTables.CLASS_RELKIND]).equals("p")) {
                    byOid.put(oid(r[CatalogTables.CLASS_OID]), r);
                }
            }
            Map<String, String> names = new HashMap<>();
            for (Value[] a : c.attributes()) {
                names.put(oid(a[CatalogTables.ATT_RELID]) + "." + num(a[CatalogTables.ATT_NUM]),
                    str(a[CatalogTables.ATT_NAME]));
            }
            return new Tables(byOid, names);
        }

        String column(long rel, int attnum) {
            return columnNames.get(rel + "." + attnum);
        }
    }

    private static String schemaOf(Catalogs c, Value[] rel) {
        return c.namespaces().get(oid(rel[CatalogTables.CLASS_RELNAMESPACE]));
    }

    private static int[] keys(Value v) {
        return v == null ? new int[0] : PgCatalogViews.parseIntArray(str(v));
    }

    private static String conType(Value[] k) {
        return str(k[CatalogTables.CON_TYPE]);
    }

    /** PostgreSQL's name of a NOT NULL pseudo-constraint: namespace oid, table oid, attnum. */
    private static String notNullName(Value[] rel, Value[] att) {
        return oid(rel[CatalogTables.CLASS_RELNAMESPACE]) + "_" + oid(rel[CatalogTables.CLASS_OID]) + "_"
            + num(att[CatalogTables.ATT_NUM]) + "_not_null";
    }

    private static boolean notNullColumn(Value[] a) {
        return bool(a[CatalogTables.ATT_NOTNULL]) && !bool(a[CatalogTables.ATT_DROPPED]) && num(a[CatalogTables.ATT_NUM]) > 0;
    }

    private static List<Value[]> tableConstraints(EvalContext ctx) {
        Catalogs c = read(ctx);
        Tables t = Tables.of(c);
        List<Value[]> out = new ArrayList<>();
        for (Value[] k : c.constraints()) {
            Value[] rel = t.byOid().get(oid(k[CatalogTables.CON_RELID]));
            String type = conType(k);
            if (rel == null || schemaOf(c, rel) == null) {
                continue;
            }
            String shown = switch (type) {
                case "c" -> "CHECK";
                case "p" -> "PRIMARY KEY";
                case "u" -> "UNIQUE";
                case "f" -> "FOREIGN KEY";
                default -> null;
            };
            if (shown == null) {
                continue;
            }
            boolean deferrable = bool(k[4]);
            boolean deferred = bool(k[5]);
            out.add(new Value[] {name(c.database()), name(c.namespaces().get(oid(k[CatalogTables.CON_NAMESPACE]))),
                k[CatalogTables.CON_NAME], name(c.database()), name(schemaOf(c, rel)), rel[CatalogTables.CLASS_RELNAME],
                text(shown), text(deferrable ? "YES" : "NO"), text(deferred ? "YES" : "NO"), text("YES"),
                type.equals("u") ? text("YES") : null});
        }
        for (Value[] a : c.attributes()) {
            Value[] rel = t.byOid().get(oid(a[CatalogTables.ATT_RELID]));
            if (rel != null && schemaOf(c, rel) != null && notNullColumn(a)) {
                out.add(new Value[] {name(c.database()), name(schemaOf(c, rel)), name(notNullName(rel, a)),
                    name(c.database()), name(schemaOf(c, rel)), rel[CatalogTables.CLASS_RELNAME], text("CHECK"),
                    text("NO"), text("NO"), text("YES"), null});
            }
        }
        return out;
    }

    private static List<Value[]> checkConstraints(EvalContext ctx) {
        Catalogs c = read(ctx);
        Tables t = Tables.of(c);
        List<Value[]> out = new ArrayList<>();
        for (Value[] k : c.constraints()) {
            if (conType(k).equals("c") && t.byOid().containsKey(oid(k[CatalogTables.CON_RELID]))) {
                String def = org.tuskdb.sql.internal.function.CatalogFunctions.constraintDefinition(ctx,
                    oid(k[CatalogTables.CON_OID]));
                out.add(new Value[] {name(c.database()), name(c.namespaces().get(oid(k[CatalogTables.CON_NAMESPACE]))),
                    k[CatalogTables.CON_NAME], def == null ? null : text(def.substring("CHECK ".length()))});
            }
        }
        for (Value[] a : c.attributes()) {
            Value[] rel = t.byOid().get(oid(a[CatalogTables.ATT_RELID]));
            if (rel != null && schemaOf(c, rel) != null && notNullColumn(a)) {
                out.add(new Value[] {name(c.database()), name(schemaOf(c, rel)), name(notNullName(rel, a)),
                    text(str(a[CatalogTables.ATT_NAME]) + " IS NOT NULL")});
            }
        }
        return out;
    }

    /** The primary key or unique constraint of rel whose columns are exactly these, or null. */
    private static Value[] uniqueConstraint(Catalogs c, long rel, int[] columns) {
        int[] want = columns.clone();
        java.util.Arrays.sort(want);
        for (Value[] k : c.constraints()) {
            String type = conType(k);
            if ((type.equals("p") || type.equals("u")) && oid(k[CatalogTables.CON_RELID]) == rel) {
                int[] have = keys(k[CatalogTables.CON_KEY]);
                java.util.Arrays.sort(have);
                if (java.util.Arrays.equals(have, want)) {
                    return k;
                }
            }
        }
        return null;
    }

    private static List<Value[]> keyColumnUsage(EvalContext ctx) {
        Catalogs c = read(ctx);
        Tables t = Tables.of(c);
        List<Value[]> out = new ArrayList<>();
        for (Value[] k : c.constraints()) {
            String type = conType(k);
            long relOid = oid(k[CatalogTables.CON_RELID]);
            Value[] rel = t.byOid().get(relOid);
            if (rel == null || type.equals("c") || schemaOf(c, rel) == null) {
                continue;
            }
            int[] cols = keys(k[CatalogTables.CON_KEY]);
            int[] refCols = type.equals("f") ? keys(k[CatalogTables.CON_KEY + 1]) : null;
            int[] unique = null;
            if (refCols != null) {
                Value[] u = uniqueConstraint(c, oid(k[CatalogTables.CON_FRELID]), refCols);
                unique = u == null ? refCols : keys(u[CatalogTables.CON_KEY]);
            }
            for (int i = 0; i < cols.length; i++) {
                Value position = null;
                if (unique != null) {
                    for (int j = 0; j < unique.length; j++) {
                        if (unique[j] == refCols[i]) {
                            position = IntegerValue.int4(j + 1);
                        }
                    }
                }
                out.add(new Value[] {name(c.database()), name(c.namespaces().get(oid(k[CatalogTables.CON_NAMESPACE]))),
                    k[CatalogTables.CON_NAME], name(c.database()), name(schemaOf(c, rel)), rel[CatalogTables.CLASS_RELNAME],
                    name(t.column(relOid, cols[i])), IntegerValue.int4(i + 1), position});
            }
        }
        return out;
    }

    private static String rule(String action) {
        return switch (action == null ? "a" : action) {
            case "r" -> "RESTRICT";
            case "c" -> "CASCADE";
            case "n" -> "SET NULL";
            case "d" -> "SET DEFAULT";
            default -> "NO ACTION";
        };
    }

    private static List<Value[]> referentialConstraints(EvalContext ctx) {
        Catalogs c = read(ctx);
        Tables t = Tables.of(c);
        List<Value[]> out = new ArrayList<>();
        for (Value[] k : c.constraints()) {
            if (!conType(k).equals("f") || !t.byOid().containsKey(oid(k[CatalogTables.CON_RELID]))) {
                continue;
            }
            Value[] u = uniqueConstraint(c, oid(k[CatalogTables.CON_FRELID]), keys(k[CatalogTables.CON_KEY + 1]));
            String match = switch (str(k[13]) == null ? "s" : str(k[13])) {
                case "f" -> "FULL";
                case "p" -> "PARTIAL";
                default -> "NONE";
            };
            out.add(new Value[] {name(c.database()), name(c.namespaces().get(oid(k[CatalogTables.CON_NAMESPACE]))),
                k[CatalogTables.CON_NAME], u == null ? null : name(c.database()),
                u == null ? null : name(c.namespaces().get(oid(u[CatalogTables.CON_NAMESPACE]))),
                u == null ? null : u[CatalogTables.CON_NAME], text(match), text(rule(str(k[11]))), text(rule(str(k[12])))});
        }
        return out;
    }

    private static List<Value[]> constraintColumnUsage(EvalContext ctx) {
        Catalogs c = read(ctx);
        Tables t = Tables.of(c);
        List<Value[]> out = new ArrayList<>();
        for (Value[] k : c.constraints()) {
            String type = conType(k);
            boolean fk = type.equals("f");
            long relOid = oid(fk ? k[CatalogTables.CON_FRELID] : k[CatalogTables.CON_RELID]);
            Value[] rel = t.byOid().get(relOid);
            if (rel == null || schemaOf(c, rel) == null) {
                continue;
            }
            java.util.Set<String> columns = new java.util.TreeSet<>();
            if (type.equals("c")) {
                String bin = str(k[CatalogTables.CON_BIN]);
                for (org.tuskdb.sql.internal.parser.Token tok : org.tuskdb.sql.internal.parser.Lexer.tokenize(
                    bin == null ? "" : bin)) {
                    String w = tok.kind() == org.tuskdb.sql.internal.parser.Token.Kind.WORD
                        ? tok.text().toLowerCase(java.util.Locale.ROOT)
                        : tok.kind() == org.tuskdb.sql.internal.parser.Token.Kind.QUOTED_IDENT ? tok.text() : null;
                    if (w != null && t.columnNames().containsValue(w) && hasColumn(t, relOid, w)) {
                        columns.add(w);
                    }
                }
            } else {
                for (int a : keys(fk ? k[CatalogTables.CON_KEY + 1] : k[CatalogTables.CON_KEY])) {
                    columns.add(t.column(relOid, a));
                }
            }
            for (String col : columns) {
                out.add(new Value[] {name(c.database()), name(schemaOf(c, rel)), rel[CatalogTables.CLASS_RELNAME],
                    name(col), name(c.database()), name(c.namespaces().get(oid(k[CatalogTables.CON_NAMESPACE]))),
                    k[CatalogTables.CON_NAME]});
            }
        }
        return out;
    }

    private static boolean hasColumn(Tables t, long rel, String column) {
        for (int a = 1; a <= 1600; a++) {
            String n = t.column(rel, a);
            if (n == null) {
                return false;
            }
            if (n.equals(column)) {
                return true;
            }
        }
        return false;
    }

    private static List<Value[]> sequences(EvalContext ctx) {
        Catalogs c = read(ctx);
        Map<Long, Value[]> classes = new HashMap<>();
        for (Value[] r : c.classes()) {
            classes.put(oid(r[CatalogTables.CLASS_OID]), r);
        }
        List<Value[]> out = new ArrayList<>();
        for (Value[] q : c.sequences()) {
            Value[] rel = classes.get(oid(q[0]));
            if (rel == null || schemaOf(c, rel) == null) {
                continue;
            }
            PgType type = PgType.byOid((int) oid(q[1]));
            int precision = type == PgType.INT2 ? 16 : type == PgType.INT4 ? 32 : 64;
            out.add(new Value[] {name(c.database()), name(schemaOf(c, rel)), rel[CatalogTables.CLASS_RELNAME],
                text(type == null ? "bigint" : type.displayName()), IntegerValue.int4(precision), IntegerValue.int4(2),
                IntegerValue.int4(0), text(Long.toString(num(q[2]))), text(Long.toString(num(q[5]))),
                text(Long.toString(num(q[4]))), text(Long.toString(num(q[3]))), text(bool(q[7]) ? "YES" : "NO")});
        }
        return out;
    }

    private static List<Value[]> schemata(EvalContext ctx) {
        Catalogs c = read(ctx);
        List<Value[]> out = new ArrayList<>();
        Map<Long, String> all = new java.util.TreeMap<>(c.namespaces());
        all.put(CatalogTables.PG_CATALOG_NAMESPACE, "pg_catalog");
        all.put(NAMESPACE_OID, SCHEMA);
        Roles roles = Roles.of(ctx);
        Map<Long, Long> owners = new HashMap<>();
        for (Value[] n : PgCatalogViews.pgNamespaceRows(ctx)) {
            owners.put(oid(n[0]), oid(n[2]));
        }
        for (Map.Entry<Long, String> n : all.entrySet()) {
            long owner = owners.getOrDefault(n.getKey(), Roles.BOOTSTRAP_SUPERUSER);
            // PostgreSQL lists the schemas whose owner the current user has the privileges of, or it may use
            if (roles.hasPrivilegesOf(ctx.userOid(), owner) || schemaUsable(ctx, roles, n.getKey())) {
                out.add(new Value[] {name(c.database()), name(n.getValue()), name(roles.name(owner)), null, null, null,
                    null});
            }
        }
        return out;
    }

    private static List<Value[]> tables(EvalContext ctx) {
        Catalogs c = read(ctx);
        List<Value[]> out = new ArrayList<>();
        for (Value[] r : c.classes()) {
            String kind = str(r[CatalogTables.CLASS_RELKIND]);
            if (!kind.equals("r") && !kind.equals("v") && !kind.equals("p")) {
                continue;
            }
            String schema = c.namespaces().get(oid(r[CatalogTables.CLASS_RELNAMESPACE]));
            if (schema == null) {
                continue;
            }
            boolean temp = "t".equals(str(r[CatalogTables.CLASS_RELPERSISTENCE]));
            String type = kind.equals("v") ? "VIEW" : temp ? "LOCAL TEMPORARY" : "BASE TABLE";
            out.add(new Value[] {name(c.database()), name(schema), r[CatalogTables.CLASS_RELNAME], text(type), null,
                null, null, null, null, text(kind.equals("v") ? "NO" : "YES"), text("NO"), null});
        }
        return out;
    }

    /**
     * One row per trigger and event (INSERT, DELETE, UPDATE; TRUNCATE is not shown), as PostgreSQL's
     * view: action_order numbers the triggers of a table, event, level and timing by name;
     * action_condition and action_statement are cut out of pg_get_triggerdef's text.
     */
    private static List<Value[]> triggers(EvalContext ctx) {
        Catalogs c = read(ctx);
        StorageContext sc = ctx.storage();
        if (!CatalogNames.tables(sc)) {
            return List.of();
        }
        Map<Long, Value[]> classes = new HashMap<>();
        for (Value[] r : c.classes()) {
            classes.put(oid(r[CatalogTables.CLASS_OID]), r);
        }
        CatalogStore store = new CatalogStore(sc.heap(), sc.transaction());
        List<Value[]> trigs = new ArrayList<>();
        for (CatalogStore.Entry e : store.all(CatalogTables.PG_TRIGGER, sc.freshSnapshot())) {
            trigs.add(e.row());
        }
        trigs.sort(java.util.Comparator.comparing(r -> str(r[CatalogTables.TG_NAME])));
        String[] events = {"INSERT", "DELETE", "UPDATE"};
        List<Value[]> out = new ArrayList<>();
        for (Value[] t : trigs) {
            Value[] rel = classes.get(oid(t[CatalogTables.TG_RELID]));
            String schema = rel == null ? null : c.namespaces().get(oid(rel[CatalogTables.CLASS_RELNAMESPACE]));
            if (schema == null) {
                continue;
            }
            int type = (int) num(t[CatalogTables.TG_TYPE]);
            String def = org.tuskdb.sql.internal.function.CatalogFunctions.triggerDefinition(ctx,
                oid(t[CatalogTables.TG_OID]), false);
            int exec = def == null ? -1 : def.indexOf(" EXECUTE FUNCTION ");
            for (int e = 0; e < 3; e++) {
                if ((type & (4 << e)) == 0) {
                    continue;
                }
                int order = 1;
                for (Value[] o : trigs) {
                    int ot = (int) num(o[CatalogTables.TG_TYPE]);
                    if (o != t && oid(o[CatalogTables.TG_RELID]) == oid(t[CatalogTables.TG_RELID])
                        && (ot & (4 << e)) != 0 && (ot & 1) == (type & 1) && (ot & 66) == (type & 66)
                        && str(o[CatalogTables.TG_NAME]).compareTo(str(t[CatalogTables.TG_NAME])) < 0) {
                        order++;
                    }
                }
                Value qual = t[CatalogTables.TG_QUAL];
                out.add(new Value[] {name(c.database()), name(schema), t[CatalogTables.TG_NAME], text(events[e]),
                    name(c.database()), name(schema), rel[CatalogTables.CLASS_RELNAME], IntegerValue.int4(order),
                    qual == null ? null : text(str(qual)), exec < 0 ? null : text(def.substring(exec + 1)),
                    text((type & 1) != 0 ? "ROW" : "STATEMENT"),
                    text((type & 2) != 0 ? "BEFORE" : (type & 64) != 0 ? "INSTEAD OF" : "AFTER"), null, null, null,
                    null, null});
            }
        }
        return out;
    }

    private static List<Value[]> views(EvalContext ctx) {
        Catalogs c = read(ctx);
        Map<Long, boolean[]> updatable = updatableViews(c);
        List<Value[]> out = new ArrayList<>();
        for (Value[] r : c.classes()) {
            if (!str(r[CatalogTables.CLASS_RELKIND]).equals("v")) {
                continue;
            }
            String schema = c.namespaces().get(oid(r[CatalogTables.CLASS_RELNAMESPACE]));
            if (schema == null) {
                continue;
            }
            String def = c.viewDefinitions().get(oid(r[CatalogTables.CLASS_OID]));
            boolean[] cols = updatable.get(oid(r[CatalogTables.CLASS_OID]));
            boolean writable = false;
            for (int i = 0; cols != null && i < cols.length; i++) {
                writable |= cols[i];
            }
            String options = r[CatalogTables.CLASS_RELOPTIONS] == null ? "" : str(r[CatalogTables.CLASS_RELOPTIONS]);
            String check = options.contains("check_option=cascaded") ? "CASCADED"
                : options.contains("check_option=local") ? "LOCAL" : "NONE";
            // pg_relation_is_updatable without triggers: UPDATE and INSERT need a writable column, DELETE not
            out.add(new Value[] {name(c.database()), name(schema), r[CatalogTables.CLASS_RELNAME],
                def == null ? null : text(def), text(check), text(writable ? "YES" : "NO"), text(writable ? "YES" : "NO"),
                text("NO"), text("NO"), text("NO")});
        }
        return out;
    }

    /**
     * Each automatically updatable view's column updatability (UpdatableView.columnsUpdatable),
     * by view oid; a view that is not updatable is absent. A base named without a schema is looked
     * for by name alone (the stored text was written under the creator's search_path).
     */
    private static Map<Long, boolean[]> updatableViews(Catalogs c) {
        Map<String, List<Value[]>> byName = new HashMap<>();
        Map<Long, List<String>> names = new HashMap<>();
        for (Value[] r : c.classes()) {
            byName.computeIfAbsent(str(r[CatalogTables.CLASS_RELNAME]), k -> new ArrayList<>()).add(r);
        }
        for (Value[] a : c.attributes()) {
            if (!bool(a[CatalogTables.ATT_DROPPED]) && num(a[CatalogTables.ATT_NUM]) > 0) {
                List<String> l = names.computeIfAbsent(oid(a[CatalogTables.ATT_RELID]), k -> new ArrayList<>());
                int n = (int) num(a[CatalogTables.ATT_NUM]);
                while (l.size() < n) {
                    l.add(null);
                }
                l.set(n - 1, str(a[CatalogTables.ATT_NAME]));
            }
        }
        Map<Long, boolean[]> out = new HashMap<>();
        for (Value[] r : c.classes()) {
            if (str(r[CatalogTables.CLASS_RELKIND]).equals("v")) {
                boolean[] u = viewColumns(oid(r[CatalogTables.CLASS_OID]), c, byName, names, 0);
                if (u != null) {
                    out.put(oid(r[CatalogTables.CLASS_OID]), u);
                }
            }
        }
        return out;
    }

    private static boolean[] viewColumns(long view, Catalogs c, Map<String, List<Value[]>> byName,
                                         Map<Long, List<String>> names, int depth) {
        String text = c.viewDefinitions().get(view);
        List<String> own = names.getOrDefault(view, List.of());
        if (text == null || depth > 32) {
            return null;
        }
        return org.tuskdb.sql.internal.analyze.UpdatableView.columnsUpdatable(text, own.size(), rv -> {
            for (Value[] b : byName.getOrDefault(rv.name(), List.of())) {
                if (rv.schema() != null && !rv.schema().equals(c.namespaces().get(oid(b[CatalogTables.CLASS_RELNAMESPACE])))) {
                    continue;
                }
                long oid = oid(b[CatalogTables.CLASS_OID]);
                String kind = str(b[CatalogTables.CLASS_RELKIND]);
                List<String> cols = names.getOrDefault(oid, List.of());
                if (kind.equals("r") || kind.equals("p")) {
                    boolean[] all = new boolean[cols.size()];
                    java.util.Arrays.fill(all, true);
                    return new org.tuskdb.sql.internal.analyze.UpdatableView.BaseColumns(cols, all);
                }
                if (kind.equals("v")) {
                    boolean[] inner = viewColumns(oid, c, byName, names, depth + 1);
                    return inner == null ? null : new org.tuskdb.sql.internal.analyze.UpdatableView.BaseColumns(cols, inner);
                }
                return null;
            }
            return null;
        });
    }

    private static List<Value[]> columns(EvalContext ctx) {
        Catalogs c = read(ctx);
        Map<Long, Value[]> classes = new HashMap<>();
        for (Value[] r : c.classes()) {
            String kind = str(r[CatalogTables.CLASS_RELKIND]);
            if (kind.equals("r") || kind.equals("v") || kind.equals("p")) {
                classes.put(oid(r[CatalogTables.CLASS_OID]), r);
            }
        }
        Map<Long, boolean[]> updatable = updatableViews(c);
        List<Value[]> out = new ArrayList<>();
        for (Value[] a : c.attributes()) {
            ctx.checkForInterrupts();
            Value[] rel = classes.get(oid(a[CatalogTables.ATT_RELID]));
            if (rel == null || bool(a[CatalogTables.ATT_DROPPED]) || num(a[CatalogTables.ATT_NUM]) <= 0) {
                continue;
            }
            String schema = c.namespaces().get(oid(rel[CatalogTables.CLASS_RELNAMESPACE]));
            PgType t = CatalogNames.typeByOid(ctx.storage(), oid(a[CatalogTables.ATT_TYPID]));
            if (schema == null || t == null) {
                continue;
            }
            PgType udt = t.isArray() ? t.elementType() : t;
            int typmod = (int) num(a[CatalogTables.ATT_TYPMOD]);
            long attnum = num(a[CatalogTables.ATT_NUM]);
            String def = c.defaults().get(oid(rel[CatalogTables.CLASS_OID]) + "." + attnum);
            String identity = a[CatalogTables.ATT_IDENTITY] == null ? "" : str(a[CatalogTables.ATT_IDENTITY]);
            boolean view = str(rel[CatalogTables.CLASS_RELKIND]).equals("v");
            Value[] row = new Value[44];
            row[0] = name(c.database());
            row[1] = name(schema);
            row[2] = rel[CatalogTables.CLASS_RELNAME];
            row[3] = a[CatalogTables.ATT_NAME];
            row[4] = IntegerValue.int4(attnum);
            boolean generated = CatalogTables.generated(a);
            String shown = def == null || !identity.isEmpty() ? null
                : org.tuskdb.sql.internal.function.CatalogFunctions.defaultExpression(ctx, def,
                    oid(rel[CatalogTables.CLASS_OID]));
            row[5] = generated || shown == null ? null : text(shown);
            row[6] = text(bool(a[CatalogTables.ATT_NOTNULL]) ? "NO" : "YES");
            row[7] = text(t.isArray() ? "ARRAY" : t.isUserDefined() ? "USER-DEFINED" : dataType(t));
            characterAndNumeric(t, typmod, row);
            row[25] = name(c.database());
            row[26] = name(udt.isUserDefined() ? c.namespaces().get(udt.namespace()) : "pg_catalog");
            row[27] = name(t.name());
            row[32] = name(Long.toString(attnum));
            row[33] = text("NO");
            row[34] = text(identity.isEmpty() ? "NO" : "YES");
            row[35] = identity.isEmpty() ? null : text(identity.equals("a") ? "ALWAYS" : "BY DEFAULT");
            row[40] = text("NO"); // identity_cycle: no cycling sequence behind any column
            row[41] = text(generated ? "ALWAYS" : "NEVER");
            row[42] = generated && shown != null ? text(shown) : null;
            boolean[] writable = view ? updatable.get(oid(rel[CatalogTables.CLASS_OID])) : null;
            row[43] = text(!view || writable != null && attnum <= writable.length && writable[(int) attnum - 1]
                ? "YES" : "NO");
            out.add(row);
        }
        return out;
    }

    /** format_type without the modifier, as information_schema's data_type shows it. */
    private static String dataType(PgType t) {
        return t == PgType.CHAR ? "\"char\"" : t.displayName();
    }

    /** character_*_length, numeric_precision / radix / scale, datetime_precision (row[8..15]). */
    private static void characterAndNumeric(PgType t, int typmod, Value[] row) {
        if (t == PgType.VARCHAR || t == PgType.BPCHAR) {
            if (typmod >= 4) {
                row[8] = IntegerValue.int4(typmod - 4);
                row[9] = IntegerValue.int4((typmod - 4) * 4);
            } else {
                row[9] = IntegerValue.int4(1073741824);
            }
        } else if (t == PgType.TEXT) {
            row[9] = IntegerValue.int4(1073741824);
        }
        int precision = t == PgType.INT2 ? 16 : t == PgType.INT4 ? 32 : t == PgType.INT8 ? 64 : t == PgType.FLOAT4 ? 24
            : t == PgType.FLOAT8 ? 53 : 0;
        if (precision > 0) {
            row[10] = IntegerValue.int4(precision);
            row[11] = IntegerValue.int4(2);
            if (t == PgType.INT2 || t == PgType.INT4 || t == PgType.INT8) {
                row[12] = IntegerValue.int4(0);
            }
        } else if (t == PgType.NUMERIC) {
            row[11] = IntegerValue.int4(10);
            if (typmod >= 4) {
                row[10] = IntegerValue.int4(((typmod - 4) >> 16) & 0xffff);
                row[12] = IntegerValue.int4((short) ((typmod - 4) & 0xffff));
            }
        }
        if (t == PgType.DATE) {
            row[13] = IntegerValue.int4(0);
        } else if (t == PgType.TIMESTAMP || t == PgType.TIMESTAMPTZ || t == PgType.TIME || t == PgType.INTERVAL) {
            row[13] = IntegerValue.int4(typmod >= 0 ? typmod : 6);
        }
    }

    private static long oid(Value v) {
        return CatalogNames.oid(v);
    }

    private static long num(Value v) {
        return ((IntegerValue) v).value();
    }

    private static boolean bool(Value v) {
        return v instanceof org.tuskdb.sql.internal.value.BoolValue b && b.value();
    }

    private static String str(Value v) {
        return v == null ? null : ((TextValue) v).textValue();
    }

    private static TextValue name(String s) {
        return new TextValue(PgType.NAME, s);
    }

    private static TextValue text(String s) {
        return TextValue.text(s);
    }
}
