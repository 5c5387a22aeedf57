package org.tuskdb.sql.internal.function;

import static org.tuskdb.sql.internal.value.PgType.BOOL;
import static org.tuskdb.sql.internal.value.PgType.INT4;
import static org.tuskdb.sql.internal.value.PgType.INT8;
import static org.tuskdb.sql.internal.value.PgType.NAME;
import static org.tuskdb.sql.internal.value.PgType.NUMERIC;
import static org.tuskdb.sql.internal.value.PgType.OID;
import static org.tuskdb.sql.internal.value.PgType.REGCLASS;
import static org.tuskdb.sql.internal.value.PgType.TEXT;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.tuskdb.api.storage.RelFileLocator;
import org.tuskdb.api.xact.Snapshot;
import org.tuskdb.sql.internal.catalog.CatalogNames;
import org.tuskdb.sql.internal.catalog.CatalogStore;
import org.tuskdb.sql.internal.catalog.CatalogTables;
import org.tuskdb.sql.internal.catalog.PgCatalogViews;
import org.tuskdb.sql.internal.catalog.RelationCache;
import org.tuskdb.sql.internal.catalog.TableDescriptor;
import org.tuskdb.sql.internal.expr.EvalContext;
import org.tuskdb.sql.internal.expr.RegCastExpr;
import org.tuskdb.sql.internal.storage.StorageContext;
import org.tuskdb.sql.internal.value.BoolValue;
import org.tuskdb.sql.internal.value.IntegerValue;
import org.tuskdb.sql.internal.value.NumericValue;
import org.tuskdb.sql.internal.value.OidValue;
import org.tuskdb.sql.internal.value.PgType;
import org.tuskdb.sql.internal.value.TextValue;
import org.tuskdb.sql.internal.value.Value;

/**
 * The pg_catalog functions psql's describe commands and drivers call (ruleutils.c, acl.c,
 * namespace.c, dbsize.c): visibility, the deparsers pg_get_expr / pg_get_indexdef /
 * pg_get_constraintdef from Tusk's stored source texts, owners, sizes, privileges (every
 * user is the superuser, so privilege checks are true).
 */
public final class CatalogFunctions {
    private CatalogFunctions() {}

    private static long myTempSchema(EvalContext c) {
        StorageContext sc = c.storage();
        if (!tables(sc) || sc.relationCache() == null) {
            return 0;
        }
        long oid = sc.relationCache().namespaceOid("pg_temp_" + c.backendPid(), sc);
        return Math.max(oid, 0);
    }

    /** pg_get_expr(text, relid) of a column default, for information_schema.columns.column_default. */
    public static String defaultExpression(EvalContext c, String text, long relid) {
        return expr(c, text, relid, false);
    }

    /** pg_get_constraintdef(oid), for the information_schema views; null when there is no such constraint. */
    public static String constraintDefinition(EvalContext c, long constraintOid) {
        Value v = constraintdef(c, constraintOid, false);
        return v == null ? null : ((TextValue) v).textValue();
    }

    /** pg_get_viewdef(oid), for pg_views; null when there is no such view. */
    public static String viewDefinition(EvalContext c, long viewOid) {
        Value v = viewdef(c, viewOid);
        return v == null ? null : ((TextValue) v).textValue();
    }

    /** pg_get_indexdef(oid), for pg_indexes; null when there is no such index. */
    public static String indexDefinition(EvalContext c, long indexOid) {
        Value v = indexdef(c, indexOid, 0, false);
        return v == null ? null : ((TextValue) v).textValue();
    }

    static void register(FunctionRegistry r) {
        r.fn("pg_get_userbyid", NAME, List.of(OID), 's', (a, c) -> new TextValue(NAME, userName(c, oid(a[0]))));
        // this session's pg_temp_N (0 when it has none yet), and whether a schema is another session's
        r.fn("pg_my_temp_schema", OID, List.of(), 's', (a, c) -> OidValue.oid(myTempSchema(c)));
        r.fn("pg_is_other_temp_schema", BOOL, List.of(OID), 's', (a, c) -> {
            String n = tables(c.storage()) ? CatalogNames.namespaceName(c.storage(), oid(a[0])) : null;
            return BoolValue.of(n != null && n.startsWith("pg_temp_") && oid(a[0]) != myTempSchema(c));
        });
        r.fn("pg_table_is_visible", BOOL, List.of(OID), 's', (a, c) -> {
            Boolean v = CatalogNames.relationVisible(c.storage(), oid(a[0]));
            return v == null ? null : BoolValue.of(v);
        });
        r.fn("pg_type_is_visible", BOOL, List.of(OID), 's', (a, c) -> {
            if (PgType.byOid((int) oid(a[0])) != null) {
                return BoolValue.TRUE;
            }
            PgType t = CatalogNames.typeByOid(c.storage(), oid(a[0]));
            if (t == null) {
                return null;
            }
            // TypeIsVisible: the first type of its name in search_path is this one
            PgType first = c.storage().relationCache().userType(null, t.name(), c.storage());
            if (first == null) {
                first = c.storage().relationCache().rowTypeNamed(null, t.name(), c.storage()); // a row type
            }
            return BoolValue.of(first != null && first.oid() == t.oid());
        });
        r.fn("pg_function_is_visible", BOOL, List.of(OID), 's', (a, c) -> BoolValue.TRUE);
        // the collations are pg_catalog's three; the other kinds' catalogs are empty in Tusk, so
        // every oid names nothing (NULL, as PostgreSQL answers for a missing object)
        r.fn("pg_collation_is_visible", BOOL, List.of(OID), 's', (a, c) -> {
            long o = oid(a[0]);
            return o == PgCatalogViews.DEFAULT_COLLATION || o == PgCatalogViews.C_COLLATION || o == 951
                ? BoolValue.TRUE : null;
        });
        // a built-in operator is in pg_catalog, which is searched first (no CREATE OPERATOR here)
        r.fn("pg_operator_is_visible", BOOL, List.of(OID), 's',
            (a, c) -> r.operatorCatalog().byOid(oid(a[0])) != null ? BoolValue.TRUE : null);
        // the text search objects' visibility is FullTextFunctions'
        for (String kind : List.of("opclass", "opfamily", "conversion", "statistics_obj")) {
            r.fn("pg_" + kind + "_is_visible", BOOL, List.of(OID), 's', (a, c) -> null);
        }
        r.fn("pg_encoding_to_char", NAME, List.of(INT4), 's', (a, c) -> new TextValue(NAME,
            switch ((int) ((IntegerValue) a[0]).value()) {
                case 0 -> "SQL_ASCII";
                case 6 -> "UTF8";
                default -> "";
            }));
        r.fn("pg_char_to_encoding", INT4, List.of(NAME), 's', (a, c) -> IntegerValue.int4(
            switch (((TextValue) a[0]).value().toUpperCase(java.util.Locale.ROOT).replace("-", "")) {
                case "SQL_ASCII" -> 0;
                case "UTF8" -> 6;
                default -> -1;
            }));
        r.fn("pg_get_expr", TEXT, List.of(TEXT, OID), 's', (a, c) -> TextValue.text(expr(c, s(a[0]), oid(a[1]), false)));
        r.fn("pg_get_expr", TEXT, List.of(TEXT, OID, BOOL), 's', (a, c) -> TextValue.text(
            expr(c, s(a[0]), oid(a[1]), ((BoolValue) a[2]).value())));
        r.fn("pg_get_indexdef", TEXT, List.of(OID), 's', (a, c) -> indexdef(c, oid(a[0]), 0, false));
        r.fn("pg_get_indexdef", TEXT, List.of(OID, INT4, BOOL), 's',
            (a, c) -> indexdef(c, oid(a[0]), (int) ((IntegerValue) a[1]).value(), ((BoolValue) a[2]).value()));
        r.fn("pg_get_constraintdef", TEXT, List.of(OID), 's', (a, c) -> constraintdef(c, oid(a[0]), false));
        r.fn("pg_get_constraintdef", TEXT, List.of(OID, BOOL), 's',
            (a, c) -> constraintdef(c, oid(a[0]), ((BoolValue) a[1]).value()));
        r.fn("pg_get_viewdef", TEXT, List.of(OID), 's', (a, c) -> viewdef(c, oid(a[0])));
        r.fn("pg_get_viewdef", TEXT, List.of(OID, BOOL), 's', (a, c) -> viewdef(c, oid(a[0])));
        r.fn("pg_get_triggerdef", TEXT, List.of(OID), 's', (a, c) -> triggerdef(c, oid(a[0]), false));
        r.fn("pg_trigger_depth", INT4, List.of(), 's',
            (a, c) -> IntegerValue.int4(c.spi() == null ? 0 : c.spi().triggerDepth()[0]));
        r.fn("pg_get_triggerdef", TEXT, List.of(OID, BOOL), 's',
            (a, c) -> triggerdef(c, oid(a[0]), ((BoolValue) a[1]).value()));
        r.fn("pg_get_ruledef", TEXT, List.of(OID), 's', (a, c) -> null);
        r.fn("pg_get_ruledef", TEXT, List.of(OID, BOOL), 's', (a, c) -> null);
        r.fn("shobj_description", TEXT, List.of(OID, NAME), 's', (a, c) -> null); // no shared comments yet
        r.fn("pg_tablespace_location", TEXT, List.of(OID), 's', (a, c) -> TextValue.text(""));
        r.fn("pg_database_size", INT8, List.of(NAME), 'v', (a, c) -> databaseSize(c, a[0]));
        r.fn("pg_database_size", INT8, List.of(OID), 'v', (a, c) -> databaseSize(c, a[0]));
        r.fn("pg_get_statisticsobjdef_columns", TEXT, List.of(OID), 's', (a, c) -> null);
        r.fn("pg_get_partkeydef", TEXT, List.of(OID), 's', (a, c) -> partkeydef(c, oid(a[0])));
        r.fn("pg_relation_is_publishable", BOOL, List.of(REGCLASS), 's', (a, c) -> BoolValue.FALSE);
        r.fn("pg_partition_root", REGCLASS, List.of(REGCLASS), 's', (a, c) -> a[0]);
        for (String f : List.of("pg_relation_size", "pg_table_size", "pg_total_relation_size")) {
            r.fn(f, INT8, List.of(REGCLASS), 'v', (a, c) -> size(c, oid(a[0]), !f.equals("pg_relation_size")));
        }
        r.fn("pg_indexes_size", INT8, List.of(REGCLASS), 'v', (a, c) -> IntegerValue.int8(indexesSize(c, oid(a[0]))));
        r.fn("pg_size_pretty", TEXT, List.of(INT8), (a, c) -> TextValue.text(sizePretty(((IntegerValue) a[0]).value())));
        r.fn("pg_size_pretty", TEXT, List.of(NUMERIC), (a, c) -> TextValue.text(sizePretty(
            ((NumericValue) a[0]).value().longValue())));
        PrivilegeFunctions.register(r);
        // nextval('s'::regclass), as pg_get_expr shows serial defaults: the sequence by its (visible) name
        r.fn("nextval", INT8, List.of(REGCLASS), 'v', (a, c) -> IntegerValue.int8(c.sequences().nextval(a[0].toText(null))));
        r.fn("currval", INT8, List.of(REGCLASS), 'v', (a, c) -> IntegerValue.int8(c.sequences().currval(a[0].toText(null))));
        r.fn("current_schemas", PgType.NAME_ARRAY, List.of(BOOL), 's', (a, c) -> currentSchemas(c,
            ((BoolValue) a[0]).value()));
        registerProcFunctions(r);
    }

    /** What psql's \\df and pg_dump read about functions (pg_proc over the registry) and ACL defaults. */
    private static void registerProcFunctions(FunctionRegistry r) {
        r.fn("pg_get_function_arguments", TEXT, List.of(OID), 's', (a, c) -> procText(r, a[0], c, 'a'));
        r.fn("pg_get_function_identity_arguments", TEXT, List.of(OID), 's', (a, c) -> procText(r, a[0], c, 'i'));
        r.fn("pg_get_function_result", TEXT, List.of(OID), 's', (a, c) -> procText(r, a[0], c, 'r'));
        r.fn("pg_get_function_sqlbody", TEXT, List.of(OID), 's', (a, c) -> {
            var f = PgProc.userFunction(c, oid(a[0]));
            String body = f == null ? null : f.sqlBodyText();
            return body == null ? null : TextValue.text(body);
        });
        r.fn("pg_describe_object", TEXT, List.of(OID, OID, INT4), 's',
            (a, c) -> {
                String d = describeObject(c, r, oid(a[0]), oid(a[1]), (int) ((IntegerValue) a[2]).value());
                return d == null ? null : TextValue.text(d);
            });
        r.fn("pg_get_functiondef", TEXT, List.of(OID), 's', (a, c) -> {
            var f = PgProc.userFunction(c, oid(a[0]));
            return f == null ? null : TextValue.text(functionDefinition(c, f));
        });
        r.fn("oidvectortypes", TEXT, List.of(PgType.OIDVECTOR), 's', (a, c) -> {
            StringBuilder b = new StringBuilder();
            for (Value v : ((org.tuskdb.sql.internal.value.ArrayValue) a[0]).elements()) {
                long t = ((OidValue) v).value();
                PgType user = t >= 16384 ? CatalogNames.typeByOid(c.storage(), t) : null;
                b.append(b.isEmpty() ? "" : ", ").append(user != null ? user.displayName() : PgProc.typeName(t));
            }
            return TextValue.text(b.toString());
        });
        r.fn("acldefault", PgType.TEXT_ARRAY, List.of(PgType.CHAR, OID), 's',
            (a, c) -> aclDefault(((TextValue) a[0]).textValue(), userName(c, oid(a[1]))));
        PgType options = PgType.recordOf(List.of("option_name", "option_value"), List.of(TEXT, TEXT));
        r.addTableFunction(new TableFunctionDef(new FunctionDef("pg_options_to_table", List.of(PgType.TEXT_ARRAY),
            options, false, true, 's', null), List.of(new org.tuskdb.sql.internal.catalog.Relation.Column(
                "option_name", TEXT), new org.tuskdb.sql.internal.catalog.Relation.Column("option_value", TEXT)),
            (a, c) -> optionRows((org.tuskdb.sql.internal.value.ArrayValue) a[0])));
    }

    /** The result ({@code what} r), arguments (a) or identity arguments (i) of a built-in or user function. */
    /**
     * pg_describe_object (getObjectDescription) for the catalogs Tusk stores: "function f(int4,text)"
     * (format_procedure: types without spaces), "table t", "column c of table t", "index i",
     * "sequence s", "view v", "type t", "schema s", "extension e", "trigger g on table t",
     * "constraint k on table t" (a domain's: "constraint k"), "language l"; names qualified when not visible.
     * Null for what it does not know.
     */
    static String describeObject(EvalContext c, FunctionRegistry r, long classid, long objid, int subid) {
        StorageContext sc = c.storage();
        if (!tables(sc)) {
            return null;
        }
        CatalogStore store = new CatalogStore(sc.heap(), sc.transaction());
        Snapshot snap = sc.freshSnapshot();
        if (classid == CatalogTables.PG_PROC_OID) {
            var f = PgProc.userFunction(c, objid);
            if (f != null) {
                String schema = CatalogNames.namespaceName(sc, f.namespace());
                boolean visible = "public".equals(schema) || "pg_catalog".equals(schema);
                StringBuilder b = new StringBuilder("function ");
                if (!visible) {
                    b.append(org.tuskdb.sql.internal.catalog.RelationCache.quoteIdent(schema)).append('.');
                }
                b.append(org.tuskdb.sql.internal.catalog.RelationCache.quoteIdent(f.name())).append('(');
                for (int i = 0; i < f.argTypes().size(); i++) {
                    b.append(i > 0 ? "," : "").append(f.argTypes().get(i).displayName());
                }
                return b.append(')').toString();
            }
            PgProc.Proc p = r.procs().byOid(objid);
            if (p == null) {
                return null;
            }
            StringBuilder b = new StringBuilder("function ").append(p.name()).append('(');
            for (int i = 0; i < p.args().length; i++) {
                PgType t = PgType.byOid((int) p.args()[i]);
                b.append(i > 0 ? "," : "").append(t == null ? Long.toString(p.args()[i]) : t.displayName());
            }
            return b.append(')').toString();
        }
        if (classid == CatalogTables.PG_CLASS_OID) {
            CatalogStore.Entry e = store.findClassByOid(objid, snap);
            if (e == null) {
                return null;
            }
            String kind = switch (s(e.row()[CatalogTables.CLASS_RELKIND])) {
                case "v" -> "view ";
                case "S" -> "sequence ";
                case "i" -> "index ";
                case "m" -> "materialized view ";
                case "c" -> "composite type ";
                default -> "table ";
            };
            String label = kind + CatalogNames.relationLabel(sc, objid);
            if (subid > 0) {
                for (CatalogStore.Entry a : store.attributes(objid, snap)) {
                    if (((IntegerValue) a.row()[CatalogTables.ATT_NUM]).value() == subid) {
                        return "column " + s(a.row()[CatalogTables.ATT_NAME]) + " of " + label;
                    }
                }
            }
            return label;
        }
        if (classid == CatalogTables.PG_TYPE_OID) {
            PgType t = PgType.byOid((int) objid);
            if (t == null) {
                t = CatalogNames.typeByOid(sc, objid);
            }
            return t == null ? null : "type " + t.displayName();
        }
        if (classid == CatalogTables.PG_NAMESPACE_OID) {
            String n = CatalogNames.namespaceName(sc, objid);
            return n == null ? null : "schema " + n;
        }
        if (classid == 2612) {
            return objid == 12 ? "language internal" : objid == 13 ? "language c" : objid == 14 ? "language sql"
                : objid == org.tuskdb.sql.internal.catalog.UserFunction.LANGUAGE_PLPGSQL ? "language plpgsql" : null;
        }
        String name = null;
        long owner = 0;
        boolean domain = false;
        if (classid == CatalogTables.PG_EXTENSION_OID) {
            for (CatalogStore.Entry e : store.rowsWhere(CatalogTables.PG_EXTENSION, 0, objid, snap)) {
                return "extension " + s(e.row()[1]);
            }
            return null;
        }
        if (classid == CatalogTables.PG_TRIGGER_OID) {
            for (CatalogStore.Entry e : store.rowsWhere(CatalogTables.PG_TRIGGER, CatalogTables.TG_OID, objid, snap)) {
                name = "trigger " + s(e.row()[CatalogTables.TG_NAME]);
                owner = oid(e.row()[CatalogTables.TG_RELID]);
            }
        } else if (classid == CatalogTables.PG_CONSTRAINT_OID) {
            for (CatalogStore.Entry e : store.rowsWhere(CatalogTables.PG_CONSTRAINT, CatalogTables.CON_OID, objid,
                snap)) {
                name = "constraint " + s(e.row()[CatalogTables.CON_NAME]);
                owner = oid(e.row()[CatalogTables.CON_RELID]);
                if (owner == 0) {
                    owner = oid(e.row()[CatalogTables.CON_TYPID]);
                    domain = true;
                }
            }
        }
        if (name == null) {
            return null;
        }
        if (domain) {
            return name; // PostgreSQL 15 names a domain's constraint alone
        }
        return name + " on table " + CatalogNames.relationLabel(sc, owner);
    }

    /**
     * pg_get_functiondef of a CREATE FUNCTION's function, ruleutils' layout: the CREATE OR REPLACE
     * line with the arguments and their defaults, RETURNS, LANGUAGE, one line of options
     * (volatility, STRICT, a ROWS that is not the default) and the body in dollar quotes whose tag
     * does not occur in it.
     */
    static String functionDefinition(EvalContext c, org.tuskdb.sql.internal.catalog.UserFunction f) {
        String schema = CatalogNames.namespaceName(c.storage(), f.namespace());
        StringBuilder b = new StringBuilder("CREATE OR REPLACE FUNCTION ")
            .append(org.tuskdb.sql.internal.catalog.RelationCache.quoteIdent(schema == null ? "public" : schema))
            .append('.').append(org.tuskdb.sql.internal.catalog.RelationCache.quoteIdent(f.name()))
            .append('(').append(f.argumentsText(false)).append(")\n");
        b.append(" RETURNS ").append(f.resultText()).append('\n');
        String language = f.language() == org.tuskdb.sql.internal.catalog.UserFunction.LANGUAGE_C ? "c"
            : f.plpgsql() ? "plpgsql" : "sql";
        b.append(" LANGUAGE ").append(language).append('\n');
        StringBuilder options = new StringBuilder();
        if (f.volatility() == 'i') {
            options.append(" IMMUTABLE");
        } else if (f.volatility() == 's') {
            options.append(" STABLE");
        }
        if (f.strict()) {
            options.append(" STRICT");
        }
        if (options.length() > 0) {
            b.append(options).append('\n');
        }
        if (f.sqlBody()) {
            return b.append(f.sqlBodyText()).append('\n').toString();
        }
        String tag = "$function";
        while (f.body().contains(tag + "$")) {
            tag += "x";
        }
        tag += "$";
        return b.append("AS ").append(tag).append(f.body()).append(tag).append('\n').toString();
    }

    private static Value procText(FunctionRegistry r, Value oid, EvalContext c, char what) {
        PgProc procs = r.procs();
        PgProc.Proc p = procs.byOid(((OidValue) oid).value());
        if (p == null) {
            var f = PgProc.userFunction(c, ((OidValue) oid).value());
            return f == null ? null : TextValue.text(what == 'r' ? f.resultText() : f.argumentsText(what == 'i'));
        }
        return TextValue.text(what == 'r' ? procs.result(p) : procs.arguments(p));
    }

    /** acldefault: the owner's built-in privileges on an object of that kind, as aclitem text. */
    static Value aclDefault(String kind, String owner) {
        String o = quoteAclName(owner);
        String[] items = switch (kind) {
            case "r" -> new String[] {o + "=arwdDxt/" + o};
            case "s" -> new String[] {o + "=rwU/" + o};
            case "f", "p" -> new String[] {"=X/" + o, o + "=X/" + o};
            case "l", "T" -> new String[] {"=U/" + o, o + "=U/" + o};
            case "d" -> new String[] {"=Tc/" + o, o + "=CTc/" + o};
            case "n" -> new String[] {o + "=UC/" + o};
            case "L" -> new String[] {o + "=rw/" + o};
            case "F", "S" -> new String[] {o + "=U/" + o};
            case "t" -> new String[] {o + "=C/" + o};
            case "c" -> new String[] {o + "=sA/" + o};
            default -> new String[0];
        };
        Value[] v = new Value[items.length];
        for (int i = 0; i < items.length; i++) {
            v[i] = TextValue.text(items[i]);
        }
        return new org.tuskdb.sql.internal.value.ArrayValue(PgType.TEXT_ARRAY, v);
    }

    private static String quoteAclName(String name) {
        for (int i = 0; i < name.length(); i++) {
            char ch = name.charAt(i);
            if (!Character.isLetterOrDigit(ch) && ch != '_') {
                return "\"" + name.replace("\"", "\"\"") + "\"";
            }
        }
        return name;
    }

    /** pg_options_to_table: "name=value" elements (reloptions, fdw options) as (option_name, option_value). */
    private static TableFunctionDef.Rows optionRows(org.tuskdb.sql.internal.value.ArrayValue a) {
        Value[] e = a.elements();
        int[] i = {0};
        return () -> {
            while (i[0] < e.length) {
                Value v = e[i[0]++];
                if (v == null) {
                    continue;
                }
                String t = ((TextValue) v).textValue();
                int eq = t.indexOf('=');
                return new Value[] {TextValue.text(eq < 0 ? t : t.substring(0, eq)),
                    eq < 0 ? null : TextValue.text(t.substring(eq + 1))};
            }
            return null;
        };
    }

    /** pg_get_userbyid: the role's name, or PostgreSQL's "unknown (OID=n)". */
    static String userName(EvalContext c, long oid) {
        String name = org.tuskdb.sql.internal.catalog.Roles.of(c).name(oid);
        return name != null ? name : "unknown (OID=" + oid + ")";
    }

    /** pg_get_expr over Tusk's stored source text (CatalogNames.deparsedExpression). */
    /** pg_get_partkeydef: the key of a partitioned table ({@code RANGE (a)}), null for any other relation. */
    private static Value partkeydef(EvalContext c, long relid) {
        TableDescriptor t = RuleDeparse.table(c.storage(), relid);
        return t != null && t.partitioned() ? TextValue.text(t.partitioning().key().definition()) : null;
    }

    static String expr(EvalContext c, String text) {
        return CatalogNames.deparsedExpression(c.storage(), text);
    }

    /**
     * pg_get_expr(text, relid, pretty): a column DEFAULT or CHECK of table {@code relid} as
     * ruleutils prints its analyzed form (the relation cache's); other texts as stored.
     */
    private static String expr(EvalContext c, String text, long relid, boolean pretty) {
        if (text.startsWith("FOR VALUES ") || text.equals("DEFAULT")) {
            return text; // pg_class.relpartbound: stored as ruleutils prints it (catalog/PartitionBound)
        }
        TableDescriptor t = RuleDeparse.table(c.storage(), relid);
        String d = t == null ? null : RuleDeparse.storedExpression(t, text, pretty);
        if (d != null) {
            return qualifyExtensionCalls(c, CatalogNames.deparsedExpression(c.storage(), d));
        }
        return qualifyExtensionCalls(c, pretty ? prettyConjunction(expr(c, text)) : expr(c, text));
    }

    /**
     * ruleutils names a function with its schema when search_path does not find it (pg_dump runs
     * with an empty one, so a dumped {@code DEFAULT uuid_generate_v4()} reads
     * {@code public.uuid_generate_v4()} and restores into any server): the calls of extensions'
     * functions in a deparsed text, qualified where their schema is not on search_path.
     * A name that is also a built-in's (pgcrypto's gen_random_uuid) stays as it is: pg_catalog
     * comes first, so the call means the built-in.
     */
    private static String qualifyExtensionCalls(EvalContext c, String text) {
        if (text == null || text.indexOf('(') < 0) {
            return text;
        }
        StorageContext sc = c.storage();
        if (!tables(sc)) {
            return text;
        }
        java.util.Map<String, Long> members = new java.util.HashMap<>();
        RelationCache cache = sc.relationCache();
        if (cache == null) {
            return text;
        }
        for (org.tuskdb.sql.internal.catalog.UserFunction f : cache.userFunctions(sc)) {
            if (f.builtinC()) {
                members.put(f.name(), f.namespace());
            }
        }
        if (members.isEmpty()) {
            return text;
        }
        java.util.Set<String> path = new java.util.HashSet<>();
        String setting = c.showSetting("search_path", true);
        for (String part : setting == null ? new String[0] : setting.split(",")) {
            String n = part.strip();
            n = n.length() > 1 && n.startsWith("\"") && n.endsWith("\"") ? n.substring(1, n.length() - 1) : n;
            path.add(n.equals("$user") ? c.user() : n);
        }
        List<org.tuskdb.sql.internal.parser.Token> tokens = org.tuskdb.sql.internal.parser.Lexer.tokenize(text);
        StringBuilder out = new StringBuilder();
        int copied = 0;
        boolean qualified = false;
        for (int i = 0; i + 1 < tokens.size(); i++) {
            org.tuskdb.sql.internal.parser.Token t = tokens.get(i);
            Long namespace = t.kind() == org.tuskdb.sql.internal.parser.Token.Kind.WORD
                && !BuiltinFamilies.isBuiltinFunction(t.text()) ? members.get(t.text()) : null;
            if (namespace == null || !tokens.get(i + 1).isPunct('(') || i > 0 && tokens.get(i - 1).isPunct('.')) {
                continue;
            }
            String schema = CatalogNames.namespaceName(sc, namespace);
            if (schema == null || path.contains(schema)) {
                continue;
            }
            out.append(text, copied, t.start()).append(RelationCache.quoteIdent(schema)).append('.');
            copied = t.start();
            qualified = true;
        }
        return qualified ? out.append(text.substring(copied)).toString() : text;
    }

    /**
     * pg_get_indexdef: an expression key as stored in indexprs (already in ruleutils' form), a
     * partial index's WHERE from indpred (parenthesized unless pretty, as ruleutils does).
     */
    private static Value indexdef(EvalContext c, long indexOid, int column, boolean pretty) {
        StorageContext sc = c.storage();
        if (!tables(sc)) {
            return null;
        }
        Snapshot snap = sc.freshSnapshot();
        CatalogStore store = new CatalogStore(sc.heap(), sc.transaction());
        List<CatalogStore.Entry> rows = store.rowsWhere(CatalogTables.PG_INDEX, 0, indexOid, snap);
        CatalogStore.Entry cls = store.findClassByOid(indexOid, snap);
        if (rows.isEmpty() || cls == null) {
            return null;
        }
        Value[] ix = rows.get(0).row();
        long table = oid(ix[1]);
        int[] keys = PgCatalogViews.int2vector(ix[5]);
        int[] options = PgCatalogViews.int2vector(ix[6]);
        List<String> names = columnNames(store, table, snap);
        String exprs = org.tuskdb.sql.internal.catalog.IndexCatalog.text(ix,
            org.tuskdb.sql.internal.catalog.IndexCatalog.IND_EXPRS);
        String pred = org.tuskdb.sql.internal.catalog.IndexCatalog.text(ix,
            org.tuskdb.sql.internal.catalog.IndexCatalog.IND_PRED);
        List<String> keyTexts = exprs == null ? List.of() : org.tuskdb.sql.internal.catalog.IndexCatalog.keyTexts(exprs);
        String[] shown = new String[keys.length];
        for (int i = 0, e = 0; i < keys.length; i++) {
            shown[i] = keys[i] > 0 ? RelationCache.quoteIdent(names.get(keys[i]))
                : e < keyTexts.size() ? keyTexts.get(e++) : "?";
            if (pretty && keys[i] <= 0 && shown[i].startsWith("(")) {
                shown[i] = "(" + withoutOuterParens(shown[i]) + ")"; // pretty: one pair, not ruleutils' two
            }
        }
        String prettyPred = null;
        if (pretty && (exprs != null || pred != null)) {
            TableDescriptor td = RuleDeparse.table(sc, table);
            if (td != null) {
                RuleDeparse.prettyIndex(td, indexOid, shown);
                prettyPred = RuleDeparse.prettyPredicate(td, indexOid);
            }
        }
        if (column > 0) {
            return column <= keys.length ? TextValue.text(shown[column - 1]) : null;
        }
        StringBuilder b = new StringBuilder("CREATE ");
        if (((BoolValue) ix[3]).value()) {
            b.append("UNIQUE ");
        }
        CatalogStore.Entry t = store.findClassByOid(table, snap);
        b.append("INDEX ").append(RelationCache.quoteIdent(((TextValue) cls.row()[CatalogTables.CLASS_RELNAME]).value()))
            .append(" ON ").append(pretty ? CatalogNames.relationLabel(sc, table) : qualifiedName(sc, t))
            .append(" USING btree (");
        for (int i = 0; i < keys.length; i++) {
            if (i > 0) {
                b.append(", ");
            }
            b.append(shown[i]);
            int opt = i < options.length ? options[i] : 0;
            boolean desc = (opt & 1) != 0;
            boolean nullsFirst = (opt & 2) != 0;
            if (desc) {
                b.append(" DESC");
                if (!nullsFirst) {
                    b.append(" NULLS LAST");
                }
            } else if (nullsFirst) {
                b.append(" NULLS FIRST");
            }
        }
        b.append(')');
        if (pred != null) {
            b.append(" WHERE ").append(prettyPred != null ? prettyPred : pretty ? prettyConjunction(pred) : pred);
        }
        return TextValue.text(b.toString());
    }

    /** A domain CHECK as ruleutils shows it: the VALUE keyword in capitals (the rest as written). */
    private static String domainValueUpper(String text) {
        StringBuilder out = new StringBuilder(text);
        try {
            for (org.tuskdb.sql.internal.parser.Token t : org.tuskdb.sql.internal.parser.Lexer.tokenize(text)) {
                if (t.kind() == org.tuskdb.sql.internal.parser.Token.Kind.WORD && t.text().equals("value")) {
                    out.replace(t.start(), t.end(), "VALUE");
                }
            }
        } catch (RuntimeException e) {
            return text;
        }
        return out.toString();
    }

    private static Value constraintdef(EvalContext c, long conOid, boolean pretty) {
        StorageContext sc = c.storage();
        if (!tables(sc)) {
            return null;
        }
        Snapshot snap = sc.freshSnapshot();
        CatalogStore store = new CatalogStore(sc.heap(), sc.transaction());
        List<CatalogStore.Entry> rows = store.rowsWhere(CatalogTables.PG_CONSTRAINT, CatalogTables.CON_OID, conOid, snap);
        if (rows.isEmpty()) {
            return null;
        }
        Value[] k = rows.get(0).row();
        String type = s(k[CatalogTables.CON_TYPE]);
        long rel = oid(k[CatalogTables.CON_RELID]);
        StringBuilder b = new StringBuilder();
        switch (type) {
            // the stored text is the expression as written; unpretty output parenthesizes it once more
            case "c" -> {
                TableDescriptor t = RuleDeparse.table(sc, rel);
                String d = t == null ? null : RuleDeparse.check(t, s(k[CatalogTables.CON_NAME]), pretty);
                if (d != null) {
                    b.append("CHECK (").append(d).append(')');
                } else {
                    String text = withoutOuterParens(s(k[CatalogTables.CON_BIN]));
                    b.append(pretty ? "CHECK (" : "CHECK ((").append(rel == 0 ? domainValueUpper(text) : text)
                        .append(pretty ? ")" : "))");
                }
            }
            case "p", "u" -> b.append(type.equals("p") ? "PRIMARY KEY (" : "UNIQUE (")
                .append(columnList(store, rel, s(k[CatalogTables.CON_KEY]), snap)).append(')');
            case "f" -> {
                long ref = oid(k[CatalogTables.CON_FRELID]);
                b.append("FOREIGN KEY (").append(columnList(store, rel, s(k[CatalogTables.CON_KEY]), snap))
                    .append(") REFERENCES ").append(CatalogNames.relationLabel(sc, ref)).append('(')
                    .append(columnList(store, ref, s(k[15]), snap)).append(')');
                if ("f".equals(s(k[13]))) {
                    b.append(" MATCH FULL");
                }
                appendAction(b, " ON UPDATE ", s(k[11]));
                appendAction(b, " ON DELETE ", s(k[12]));
            }
            default -> {
                return null;
            }
        }
        if (((BoolValue) k[4]).value()) {
            b.append(" DEFERRABLE");
        }
        if (((BoolValue) k[5]).value()) {
            b.append(" INITIALLY DEFERRED");
        }
        if (!((BoolValue) k[6]).value()) {
            b.append(" NOT VALID");
        }
        return TextValue.text(b.toString());
    }

    private static void appendAction(StringBuilder b, String prefix, String action) {
        String a = switch (action == null ? "a" : action) {
            case "r" -> "RESTRICT";
            case "c" -> "CASCADE";
            case "n" -> "SET NULL";
            case "d" -> "SET DEFAULT";
            default -> null;
        };
        if (a != null) {
            b.append(prefix).append(a);
        }
    }

    private static Value viewdef(EvalContext c, long viewOid) {
        StorageContext sc = c.storage();
        if (!tables(sc)) {
            return null;
        }
        List<CatalogStore.Entry> rules = new CatalogStore(sc.heap(), sc.transaction()).rowsWhere(
            CatalogTables.PG_REWRITE, CatalogTables.REWRITE_CLASS, viewOid, sc.freshSnapshot());
        if (rules.isEmpty()) {
            return null;
        }
        String query = s(rules.get(0).row()[CatalogTables.REWRITE_ACTION]);
        return TextValue.text(" " + qualifyRelations(query, relationLabels(sc, viewOid)) + ";");
    }

    /**
     * The labels (regclassout: qualified when the search path does not find them) of the
     * relations a view reads, by their stored names; its pg_depend rows of deptype n name them.
     */
    private static java.util.Map<String, String> relationLabels(StorageContext sc, long viewOid) {
        java.util.Map<String, String> labels = new java.util.HashMap<>();
        CatalogStore store = new CatalogStore(sc.heap(), sc.transaction());
        Snapshot snap = sc.freshSnapshot();
        for (CatalogStore.Entry d : store.rowsWhere(CatalogTables.PG_DEPEND, CatalogTables.DEP_OBJID, viewOid, snap)) {
            long ref = oid(d.row()[CatalogTables.DEP_REFOBJID]);
            CatalogStore.Entry c = store.findClassByOid(ref, snap);
            if (c != null) {
                labels.put(s(c.row()[CatalogTables.CLASS_RELNAME]), CatalogNames.relationLabel(sc, ref));
            }
        }
        return labels;
    }

    private static final java.util.Set<String> FROM_ENDS = java.util.Set.of("where", "group", "having", "order",
        "limit", "offset", "union", "intersect", "except", "window", "for", "on", "using", "fetch", "returning");

    /**
     * The stored view query with each unqualified relation name after FROM, JOIN or a FROM
     * list's comma replaced by its label, so the text reads the same tables under any search
     * path (pg_dump restores with an empty one), as PostgreSQL's deparser qualifies them.
     */
    static String qualifyRelations(String sql, java.util.Map<String, String> labels) {
        if (labels.isEmpty()) {
            return sql;
        }
        List<org.tuskdb.sql.internal.parser.Token> tokens = org.tuskdb.sql.internal.parser.Lexer.tokenize(sql);
        StringBuilder out = new StringBuilder(sql.length() + 16);
        int copied = 0;
        int depth = 0;
        java.util.BitSet inFrom = new java.util.BitSet();
        boolean expectRelation = false;
        for (int i = 0; i < tokens.size(); i++) {
            org.tuskdb.sql.internal.parser.Token t = tokens.get(i);
            org.tuskdb.sql.internal.parser.Token next = i + 1 < tokens.size() ? tokens.get(i + 1) : null;
            String word = t.kind() == org.tuskdb.sql.internal.parser.Token.Kind.WORD
                ? t.text().toLowerCase(java.util.Locale.ROOT) : null;
            boolean punct = t.kind() != org.tuskdb.sql.internal.parser.Token.Kind.STRING
                && t.kind() != org.tuskdb.sql.internal.parser.Token.Kind.QUOTED_IDENT;
            if (punct && t.text().equals("(")) {
                depth++;
                inFrom.clear(depth);
                expectRelation = false;
                continue;
            }
            if (punct && t.text().equals(")")) {
                inFrom.clear(depth);
                depth = Math.max(0, depth - 1);
                expectRelation = false;
                continue;
            }
            if (word != null && (word.equals("from") || word.equals("join"))) {
                inFrom.set(depth);
                expectRelation = true;
                continue;
            }
            if (punct && t.text().equals(",") && inFrom.get(depth)) {
                expectRelation = true;
                continue;
            }
            if (word != null && FROM_ENDS.contains(word)) {
                inFrom.clear(depth);
                expectRelation = false;
                continue;
            }
            if (expectRelation && word != null && (word.equals("only") || word.equals("lateral"))) {
                continue;
            }
            if (expectRelation && (word != null
                || t.kind() == org.tuskdb.sql.internal.parser.Token.Kind.QUOTED_IDENT)) {
                boolean qualified = next != null && next.kind() != org.tuskdb.sql.internal.parser.Token.Kind.STRING
                    && (next.text().equals(".") || next.text().equals("("));
                org.tuskdb.sql.internal.parser.Token after = i + 2 < tokens.size() ? tokens.get(i + 2) : null;
                if (qualified && next.text().equals(".") && after != null && (after.kind()
                    == org.tuskdb.sql.internal.parser.Token.Kind.WORD
                    || after.kind() == org.tuskdb.sql.internal.parser.Token.Kind.QUOTED_IDENT)) {
                    // schema.table written out: shown bare when the search path finds it (its label has no schema)
                    String table = after.kind() == org.tuskdb.sql.internal.parser.Token.Kind.WORD
                        ? after.text().toLowerCase(java.util.Locale.ROOT) : after.text();
                    String label = labels.get(table);
                    if (label != null && !label.contains(".")) {
                        out.append(sql, copied, t.start()).append(label);
                        copied = after.end();
                    }
                    expectRelation = false;
                    i += 2;
                    continue;
                }
                String name = word != null ? word : t.text();
                String label = qualified ? null : labels.get(name);
                if (label != null) {
                    out.append(sql, copied, t.start()).append(label);
                    copied = t.end();
                }
            }
            expectRelation = false;
        }
        return out.append(sql.substring(copied)).toString();
    }

    /**
     * A stored predicate as ruleutils' pretty mode prints it, for the simple shapes: without its
     * outer parentheses, and an AND list's members without theirs unless they hold an AND / OR.
     */
    static String prettyConjunction(String text) {
        String t = withoutOuterParens(text);
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int from = 0;
        for (org.tuskdb.sql.internal.parser.Token k : org.tuskdb.sql.internal.parser.Lexer.tokenize(t)) {
            if (k.isPunct('(')) {
                depth++;
            } else if (k.isPunct(')')) {
                depth--;
            } else if (depth == 0 && (k.isWord("or") || k.isWord("not"))) {
                return t; // not an AND list: as it is
            } else if (depth == 0 && k.isWord("and")) {
                parts.add(t.substring(from, k.start()));
                from = k.end();
            }
        }
        if (parts.isEmpty()) {
            return t;
        }
        parts.add(t.substring(from));
        StringBuilder b = new StringBuilder();
        for (String p : parts) {
            String inner = withoutOuterParens(p);
            boolean bool = false;
            for (org.tuskdb.sql.internal.parser.Token k : org.tuskdb.sql.internal.parser.Lexer.tokenize(inner)) {
                bool |= k.isWord("and") || k.isWord("or");
            }
            b.append(b.length() == 0 ? "" : " AND ").append(bool ? p.strip() : inner);
        }
        return b.toString();
    }

    /** The text without parentheses around all of it (a restored CHECK ((x)) stores "(x)"). */
    static String withoutOuterParens(String text) {
        String t = text.strip();
        while (t.startsWith("(") && t.endsWith(")")) {
            List<org.tuskdb.sql.internal.parser.Token> tokens = org.tuskdb.sql.internal.parser.Lexer.tokenize(t);
            int depth = 0;
            for (int i = 0; i < tokens.size() && tokens.get(i).end() < t.length(); i++) {
                org.tuskdb.sql.internal.parser.Token.Kind kind = tokens.get(i).kind();
                String x = kind == org.tuskdb.sql.internal.parser.Token.Kind.STRING
                    || kind == org.tuskdb.sql.internal.parser.Token.Kind.QUOTED_IDENT ? "" : tokens.get(i).text();
                depth += x.equals("(") ? 1 : x.equals(")") ? -1 : 0;
                if (depth == 0) {
                    return t; // the first parenthesis closes before the end: (a) AND (b)
                }
            }
            t = t.substring(1, t.length() - 1).strip();
        }
        return t;
    }

    private static String columnList(CatalogStore store, long rel, String keys, Snapshot snap) {
        if (keys == null) {
            return "";
        }
        List<String> names = columnNames(store, rel, snap);
        StringBuilder b = new StringBuilder();
        for (int k : PgCatalogViews.parseIntArray(keys)) {
            if (!b.isEmpty()) {
                b.append(", ");
            }
            b.append(k < names.size() && names.get(k) != null ? RelationCache.quoteIdent(names.get(k)) : "?");
        }
        return b.toString();
    }

    /**
     * pg_get_triggerdef (ruleutils' pg_get_triggerdef_worker): CREATE TRIGGER as it would be
     * written again; the relation schema-qualified unless {@code pretty} (then as regclass prints
     * it), the WHEN condition's stored deparsed text with one pair of parentheses less when pretty.
     */
    private static Value triggerdef(EvalContext c, long oid, boolean pretty) {
        String def = triggerDefinition(c, oid, pretty);
        return def == null ? null : TextValue.text(def);
    }

    /** pg_get_triggerdef's text, or null when there is no such trigger (information_schema.triggers reads it too). */
    public static String triggerDefinition(EvalContext c, long oid, boolean pretty) {
        StorageContext sc = c.storage();
        if (!tables(sc)) {
            return null;
        }
        Snapshot snap = sc.freshSnapshot();
        CatalogStore store = new CatalogStore(sc.heap(), sc.transaction());
        List<CatalogStore.Entry> rows = store.rowsWhere(CatalogTables.PG_TRIGGER, 0, oid, snap);
        if (rows.isEmpty()) {
            return null;
        }
        Value[] t = rows.get(0).row();
        long rel = oid(t[CatalogTables.TG_RELID]);
        int type = (int) ((IntegerValue) t[CatalogTables.TG_TYPE]).value();
        StringBuilder b = new StringBuilder("CREATE TRIGGER ");
        b.append(RelationCache.quoteIdent(s(t[CatalogTables.TG_NAME]))).append(' ');
        b.append((type & 2) != 0 ? "BEFORE" : (type & 64) != 0 ? "INSTEAD OF" : "AFTER");
        List<String> names = columnNames(store, rel, snap);
        String[] events = {"INSERT", "DELETE", "UPDATE", "TRUNCATE"};
        boolean first = true;
        for (int e = 0; e < 4; e++) {
            if ((type & (4 << e)) == 0) {
                continue;
            }
            b.append(first ? " " : " OR ").append(events[e]);
            first = false;
            if (e == 2) {
                int[] cols = org.tuskdb.sql.internal.catalog.TriggerCatalog.attnums(t[CatalogTables.TG_ATTR]);
                for (int i = 0; i < cols.length; i++) {
                    b.append(i == 0 ? " OF " : ", ").append(RelationCache.quoteIdent(names.get(cols[i])));
                }
            }
        }
        b.append(" ON ").append(pretty ? CatalogNames.relationLabel(sc, rel)
            : qualifiedName(sc, store.findClassByOid(rel, snap)));
        b.append((type & 1) != 0 ? " FOR EACH ROW " : " FOR EACH STATEMENT ");
        if (t[CatalogTables.TG_QUAL] != null) {
            String q = s(t[CatalogTables.TG_QUAL]);
            b.append("WHEN (").append(pretty ? prettyCondition(sc, store.findClassByOid(rel, snap), oid, q) : q)
                .append(") ");
        }
        b.append("EXECUTE FUNCTION ");
        List<CatalogStore.Entry> fn = store.rowsWhere(CatalogTables.PG_PROC, 0, oid(t[CatalogTables.TG_FOID]), snap);
        if (fn.isEmpty()) {
            b.append(oid(t[CatalogTables.TG_FOID]));
        } else {
            Value[] p = fn.get(0).row();
            long nsp = oid(p[2]);
            String fname = RelationCache.quoteIdent(s(p[1]));
            boolean visible = CatalogNames.inSearchPath(sc, nsp);
            b.append(visible ? fname : RelationCache.quoteIdent(CatalogNames.namespaceName(sc, nsp)) + "." + fname);
        }
        b.append('(');
        List<String> args = org.tuskdb.sql.internal.catalog.TriggerCatalog.args(t[CatalogTables.TG_ARGS]);
        for (int i = 0; i < args.size(); i++) {
            b.append(i == 0 ? "" : ", ").append('\'').append(args.get(i).replace("'", "''")).append('\'');
        }
        return b.append(')').toString();
    }

    /**
     * A WHEN condition as ruleutils' PRETTY_PAREN deparse prints it: the analyzed condition of the
     * trigger in the table's descriptor, deparsed again in pretty mode (else the stored text, one
     * pair of parentheses less).
     */
    private static String prettyCondition(StorageContext sc, CatalogStore.Entry cls, long triggerOid, String stored) {
        RelationCache rc = sc.relationCache();
        if (rc != null && cls != null) {
            org.tuskdb.sql.internal.catalog.Relation r = rc.cachedRelation(oid(cls.row()[CatalogTables.CLASS_RELNAMESPACE]),
                s(cls.row()[CatalogTables.CLASS_RELNAME]), sc);
            if (r instanceof org.tuskdb.sql.internal.catalog.TableDescriptor t) {
                for (org.tuskdb.sql.internal.catalog.Trigger tr : t.triggers().all()) {
                    if (tr.oid() == triggerOid && tr.when() != null) {
                        return org.tuskdb.sql.internal.plan.explain.ExpressionText.deparse(tr.when(),
                            org.tuskdb.sql.internal.catalog.TriggerCatalog.conditionNames(t), true);
                    }
                }
            }
        }
        return withoutOuterParens(stored);
    }

    /** Column names by attnum (index 0 unused). */
    private static List<String> columnNames(CatalogStore store, long rel, Snapshot snap) {
        List<String> names = new ArrayList<>();
        names.add(null);
        for (CatalogStore.Entry a : store.attributes(rel, snap)) {
            int n = (int) ((IntegerValue) a.row()[CatalogTables.ATT_NUM]).value();
            while (names.size() <= n) {
                names.add(null);
            }
            names.set(n, ((TextValue) a.row()[CatalogTables.ATT_NAME]).value());
        }
        return names;
    }

    private static String qualifiedName(StorageContext sc, CatalogStore.Entry cls) {
        if (cls == null) {
            return "?";
        }
        return RelationCache.quoteIdent(CatalogNames.namespaceName(sc, oid(cls.row()[CatalogTables.CLASS_RELNAMESPACE])))
            + "." + RelationCache.quoteIdent(((TextValue) cls.row()[CatalogTables.CLASS_RELNAME]).value());
    }

    private static Value size(EvalContext c, long rel, boolean withIndexes) {
        StorageContext sc = c.storage();
        if (!tables(sc)) {
            return null;
        }
        CatalogStore.Entry cls = new CatalogStore(sc.heap(), sc.transaction()).findClassByOid(rel, sc.freshSnapshot());
        if (cls == null) {
            return null;
        }
        long bytes = blocks(sc, cls) * 8192L;
        return IntegerValue.int8(withIndexes ? bytes + indexesSize(c, rel) : bytes);
    }

    private static long blocks(StorageContext sc, CatalogStore.Entry cls) {
        String kind = s(cls.row()[CatalogTables.CLASS_RELKIND]);
        if (kind.equals("v")) {
            return 0;
        }
        long node = oid(cls.row()[CatalogTables.CLASS_RELFILENODE]);
        try {
            return sc.heap().blockCount(new RelFileLocator(CatalogTables.DB_OID, node));
        } catch (RuntimeException e) {
            return 0;
        }
    }

    private static long indexesSize(EvalContext c, long rel) {
        StorageContext sc = c.storage();
        if (!tables(sc)) {
            return 0;
        }
        Snapshot snap = sc.freshSnapshot();
        CatalogStore store = new CatalogStore(sc.heap(), sc.transaction());
        long total = 0;
        for (CatalogStore.Entry ix : store.rowsWhere(CatalogTables.PG_INDEX, 1, rel, snap)) {
            CatalogStore.Entry cls = store.findClassByOid(oid(ix.row()[0]), snap);
            if (cls != null) {
                total += blocks(sc, cls) * 8192L;
            }
        }
        return total;
    }

    /** Every relation's blocks (Tusk's relations all live in the one database's directory). */
    /**
     * dbsize.c's calculate_database_size: the bytes of the files in the database's directory;
     * an unknown name is 3D000, an unknown oid NULL.
     */
    private static Value databaseSize(EvalContext c, Value db) {
        StorageContext sc = c.storage();
        if (!tables(sc)) {
            return IntegerValue.int8(0);
        }
        long oid;
        if (db instanceof TextValue t) {
            Long found = org.tuskdb.sql.internal.catalog.PgCatalogViews.databaseOids(sc).get(t.value());
            if (found == null) {
                throw org.tuskdb.api.DatabaseException.error("3D000", "database \"" + t.value() + "\" does not exist");
            }
            oid = found;
        } else {
            oid = ((OidValue) db).value();
            if (!org.tuskdb.sql.internal.catalog.PgCatalogViews.databaseOids(sc).containsValue(oid)) {
                return null;
            }
        }
        org.tuskdb.api.storage.RelationStorage files = sc.services().relationStorage();
        long size = files == null || oid <= 0 || oid > Integer.MAX_VALUE ? -1 : files.databaseSize((int) oid);
        return size >= 0 ? IntegerValue.int8(size) : IntegerValue.int8(currentDatabaseSize(sc));
    }

    private static long currentDatabaseSize(StorageContext sc) {
        long total = 0;
        for (CatalogStore.Entry e : new CatalogStore(sc.heap(), sc.transaction()).all(CatalogTables.PG_CLASS,
            sc.freshSnapshot())) {
            total += blocks(sc, e) * 8192L;
        }
        return total;
    }

    /** dbsize.c's pg_size_pretty: bytes below 10 kB, then kB, MB, GB, TB, rounding half away from zero. */
    static String sizePretty(long size) {
        long limit = 10 * 1024;
        long limit2 = limit * 2 - 1;
        if (Math.abs(size) < limit) {
            return size + " bytes";
        }
        size >>= 9; // one extra bit for rounding
        for (String unit : List.of("kB", "MB", "GB", "TB")) {
            if (Math.abs(size) < limit2 || unit.equals("TB")) {
                return halfRounded(size) + " " + unit;
            }
            size >>= 10;
        }
        return halfRounded(size) + " PB";
    }

    private static long halfRounded(long x) {
        return (x + (x < 0 ? -1 : 1)) / 2;
    }

    private static Value currentSchemas(EvalContext c, boolean implicit) {
        StorageContext sc = c.storage();
        List<Value> out = new ArrayList<>();
        RelationCache rc = sc == null ? null : sc.relationCache();
        if (rc == null || !tables(sc)) {
            if (implicit) {
                out.add(new TextValue(NAME, "pg_catalog"));
            }
            out.add(new TextValue(NAME, "public"));
        } else {
            List<String> named = rc.searchPathNames();
            for (long n : rc.searchPath(sc, sc.sessionUser())) {
                String name = CatalogNames.namespaceName(sc, n);
                if (name != null && (implicit || named.contains(name) || named.contains("$user")
                    && name.equals(sc.sessionUser())) && !(name.startsWith("pg_temp") && !implicit)) {
                    out.add(new TextValue(NAME, name));
                }
            }
        }
        return new org.tuskdb.sql.internal.value.ArrayValue(PgType.NAME_ARRAY, out.toArray(Value[]::new));
    }

    private static boolean tables(StorageContext sc) {
        return sc != null && sc.services() != null && sc.services().tablesAvailable();
    }

    private static long oid(Value v) {
        return CatalogNames.oid(v);
    }

    private static String s(Value v) {
        return v == null ? null : ((TextValue) v).value();
    }

    /** Keeps RegCastExpr's factory reachable for callers building regclass values. */
    static OidValue regclass(EvalContext c, long oid) {
        return RegCastExpr.make(c, REGCLASS, oid);
    }
}
