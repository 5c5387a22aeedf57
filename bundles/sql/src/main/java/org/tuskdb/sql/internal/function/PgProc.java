package org.tuskdb.sql.internal.function;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.tuskdb.sql.internal.catalog.PgCatalogViews;
import org.tuskdb.sql.internal.catalog.Relation;
import org.tuskdb.sql.internal.value.ArrayValue;
import org.tuskdb.sql.internal.value.BoolValue;
import org.tuskdb.sql.internal.value.FloatValue;
import org.tuskdb.sql.internal.value.IntegerValue;
import org.tuskdb.sql.internal.value.OidValue;
import org.tuskdb.sql.internal.value.PgType;
import org.tuskdb.sql.internal.value.TextValue;
import org.tuskdb.sql.internal.value.Value;

/**
 * pg_proc as the function registry makes it: one row per built-in function, set-returning
 * function, aggregate and window function, built once per registry content (the registry drops
 * it when functions are added). Oids are assigned in name order from {@link #FIRST_OID}, so they
 * are stable for one build but are not PostgreSQL's, except for the functions behind pg_operator's
 * and pg_cast's rows, which keep PostgreSQL's ({@link Fixed}); everything is in pg_catalog (the
 * {@code _pg_*} helpers in information_schema), language internal, owned by the superuser.
 */
public final class PgProc {
    /** Where the built-ins' oids start (below PostgreSQL's first initdb-assigned oid, 10000). */
    static final long FIRST_OID = 8000;
    private static final long RECORD = 2249, ANY = 2276, ANYELEMENT = 2283, ANYARRAY = 2277, ANYNONARRAY = 2776;

    /** One function: oid, name, namespace, kind (f, a, w), argument and result type oids. */
    public record Proc(long oid, String name, long namespace, char kind, long[] args, long result, boolean retset,
                       boolean variadic, boolean strict, char volatility, List<Relation.Column> outColumns) {}

    private final List<Proc> procs;
    private final Map<Long, Proc> byOid = new HashMap<>();
    /** The functions PostgreSQL marks proleakproof among those at its oids (operators' comparisons). */
    private final java.util.Set<Long> leakproof = new java.util.HashSet<>();

    /**
     * A function pg_proc lists at PostgreSQL's oid: one behind a pg_operator or pg_cast row
     * (int4pl, int8(integer)). A registry function of the same name and arguments takes that oid;
     * the others are listed (not callable: the engine runs the operator or cast, not them).
     */
    record Fixed(long oid, String name, long[] args, long result, boolean strict, boolean leakproof,
                 char volatility) {}

    PgProc(FunctionRegistry registry, PgOperator operators) {
        List<Proc> all = new ArrayList<>();
        for (FunctionDef f : registry.allFunctions()) {
            all.add(proc(f, 'f', false, null));
        }
        Map<String, Long> fixedOids = new HashMap<>();
        List<Fixed> fixed = new ArrayList<>(operators.functions());
        fixed.addAll(PgCast.functions());
        java.util.Set<String> registered = new java.util.HashSet<>();
        for (Proc p : all) {
            registered.add(p.name() + "(" + argKey(p.args()) + ")");
        }
        for (Fixed f : fixed) {
            String key = f.name() + "(" + argKey(f.args()) + ")";
            if (f.leakproof()) {
                leakproof.add(f.oid());
            }
            if (fixedOids.putIfAbsent(key, f.oid()) == null && !registered.contains(key)) {
                all.add(new Proc(0, f.name(), 11, 'f', f.args(), f.result(), false, false, f.strict(), f.volatility(),
                    null));
            }
        }
        for (TableFunctionDef t : registry.allTableFunctions()) {
            all.add(proc(t.signature(), 'f', true, t.columns().size() > 1 ? t.columns() : null));
        }
        aggregatesAndWindows(all);
        all.sort(Comparator.comparing(Proc::name).thenComparing(p -> argKey(p.args())).thenComparing(p -> p.kind()));
        List<Proc> numbered = new ArrayList<>(all.size());
        long oid = FIRST_OID;
        String previous = null;
        for (Proc p : all) {
            String key = p.name() + "(" + argKey(p.args()) + ")";
            if (key.equals(previous)) {
                continue; // one row per signature, as pg_proc's unique index demands
            }
            previous = key;
            Long pinned = fixedOids.get(key);
            Proc n = new Proc(pinned != null ? pinned : oid++, p.name(), p.namespace(), p.kind(), p.args(), p.result(),
                p.retset(), p.variadic(), p.strict(), p.volatility(), p.outColumns());
            numbered.add(n);
            byOid.put(n.oid(), n);
        }
        this.procs = List.copyOf(numbered);
    }

    private static String argKey(long[] args) {
        StringBuilder b = new StringBuilder();
        for (long a : args) {
            b.append(a).append(',');
        }
        return b.toString();
    }

    private static Proc proc(FunctionDef f, char kind, boolean retset, List<Relation.Column> out) {
        long[] args = new long[f.argTypes().size()];
        for (int i = 0; i < args.length; i++) {
            args[i] = f.argTypes().get(i).oid();
        }
        long result = out != null ? RECORD : f.returnType() == null ? RECORD : f.returnType().oid();
        if (retset && out == null && f.returnType() == null) {
            result = RECORD;
        }
        String name = f.name();
        long ns = name.startsWith("_pg_") ? org.tuskdb.sql.internal.catalog.InformationSchema.NAMESPACE_OID : 11;
        return new Proc(0, name, ns, kind, args, result, retset, f.variadic(), f.strict(), f.volatility(), out);
    }

    /** The aggregates and window functions, which the analyzer resolves by name rather than from the registry. */
    private static void aggregatesAndWindows(List<Proc> all) {
        long[] numeric = {PgType.INT2.oid(), PgType.INT4.oid(), PgType.INT8.oid(), PgType.NUMERIC.oid(),
            PgType.FLOAT4.oid(), PgType.FLOAT8.oid(), PgType.INTERVAL.oid()};
        agg(all, "count", new long[0], PgType.INT8.oid());
        agg(all, "count", new long[] {ANY}, PgType.INT8.oid());
        for (long t : numeric) {
            long sum = t == PgType.INT2.oid() || t == PgType.INT4.oid() ? PgType.INT8.oid()
                : t == PgType.INT8.oid() ? PgType.NUMERIC.oid() : t;
            agg(all, "sum", new long[] {t}, sum);
            long avg = t == PgType.FLOAT4.oid() || t == PgType.FLOAT8.oid() ? PgType.FLOAT8.oid()
                : t == PgType.INTERVAL.oid() ? t : PgType.NUMERIC.oid();
            agg(all, "avg", new long[] {t}, avg);
        }
        for (PgType t : List.of(PgType.INT2, PgType.INT4, PgType.INT8, PgType.NUMERIC, PgType.FLOAT4, PgType.FLOAT8,
            PgType.TEXT, PgType.BPCHAR, PgType.DATE, PgType.TIME, PgType.TIMESTAMP, PgType.TIMESTAMPTZ,
            PgType.INTERVAL, PgType.OID, PgType.INET, PgType.PG_LSN)) {
            agg(all, "min", new long[] {t.oid()}, t.oid());
            agg(all, "max", new long[] {t.oid()}, t.oid());
        }
        agg(all, "string_agg", new long[] {PgType.TEXT.oid(), PgType.TEXT.oid()}, PgType.TEXT.oid());
        agg(all, "string_agg", new long[] {PgType.BYTEA.oid(), PgType.BYTEA.oid()}, PgType.BYTEA.oid());
        for (String b : List.of("bool_and", "bool_or", "every")) {
            agg(all, b, new long[] {PgType.BOOL.oid()}, PgType.BOOL.oid());
        }
        agg(all, "array_agg", new long[] {ANYNONARRAY}, ANYARRAY);
        agg(all, "json_agg", new long[] {ANYELEMENT}, PgType.JSON.oid());
        agg(all, "jsonb_agg", new long[] {ANYELEMENT}, PgType.JSONB.oid());
        agg(all, "json_object_agg", new long[] {ANY, ANY}, PgType.JSON.oid());
        agg(all, "jsonb_object_agg", new long[] {ANY, ANY}, PgType.JSONB.oid());
        long f8 = PgType.FLOAT8.oid(), i8 = PgType.INT8.oid();
        for (String v : List.of("stddev", "stddev_pop", "stddev_samp", "variance", "var_pop", "var_samp")) {
            agg(all, v, new long[] {f8}, f8);
            agg(all, v, new long[] {PgType.NUMERIC.oid()}, PgType.NUMERIC.oid());
        }
        for (String r : List.of("corr", "covar_pop", "covar_samp", "regr_avgx", "regr_avgy", "regr_intercept",
            "regr_r2", "regr_slope", "regr_sxx", "regr_sxy", "regr_syy")) {
            agg(all, r, new long[] {f8, f8}, f8);
        }
        agg(all, "regr_count", new long[] {f8, f8}, i8);
        for (String b : List.of("bit_and", "bit_or", "bit_xor")) {
            for (PgType t : List.of(PgType.INT2, PgType.INT4, PgType.INT8)) {
                agg(all, b, new long[] {t.oid()}, t.oid());
            }
        }
        all.add(new Proc(0, "row_number", 11, 'w', new long[0], i8, false, false, false, 'i', null));
        all.add(new Proc(0, "rank", 11, 'w', new long[0], i8, false, false, false, 'i', null));
        all.add(new Proc(0, "dense_rank", 11, 'w', new long[0], i8, false, false, false, 'i', null));
        all.add(new Proc(0, "percent_rank", 11, 'w', new long[0], f8, false, false, false, 'i', null));
        all.add(new Proc(0, "cume_dist", 11, 'w', new long[0], f8, false, false, false, 'i', null));
        all.add(new Proc(0, "ntile", 11, 'w', new long[] {PgType.INT4.oid()}, PgType.INT4.oid(), false, false, true,
            'i', null));
        for (String w : List.of("lag", "lead")) {
            all.add(new Proc(0, w, 11, 'w', new long[] {ANYELEMENT}, ANYELEMENT, false, false, true, 'i', null));
            all.add(new Proc(0, w, 11, 'w', new long[] {ANYELEMENT, PgType.INT4.oid()}, ANYELEMENT, false, false,
                true, 'i', null));
        }
        for (String w : List.of("first_value", "last_value")) {
            all.add(new Proc(0, w, 11, 'w', new long[] {ANYELEMENT}, ANYELEMENT, false, false, true, 'i', null));
        }
        all.add(new Proc(0, "nth_value", 11, 'w', new long[] {ANYELEMENT, PgType.INT4.oid()}, ANYELEMENT, false,
            false, true, 'i', null));
    }

    private static void agg(List<Proc> all, String name, long[] args, long result) {
        all.add(new Proc(0, name, 11, 'a', args, result, false, false, false, 'i', null));
    }

    public List<Proc> procs() {
        return procs;
    }

    /**
     * regprocin: a function name (optionally qualified by pg_catalog) or a number as a regproc
     * value; the types' support functions ({@code array_in}) resolve too. 42883 when no function
     * has the name, 42725 when several do.
     */
    public OidValue regprocIn(String text) {
        String s = text.strip();
        if (!s.isEmpty() && s.chars().allMatch(Character::isDigit)) {
            return new OidValue(PgType.REGPROC, Long.parseLong(s));
        }
        String name = s.startsWith("pg_catalog.") ? s.substring("pg_catalog.".length()) : s;
        if (name.length() > 1 && name.startsWith("\"") && name.endsWith("\"")) {
            name = name.substring(1, name.length() - 1).replace("\"\"", "\"");
        } else {
            name = name.toLowerCase(java.util.Locale.ROOT);
        }
        long support = org.tuskdb.sql.internal.catalog.TypeIoFunctions.oidOf(name);
        if (support >= 0) {
            return new OidValue(PgType.REGPROC, support, name);
        }
        Proc found = null;
        for (Proc p : procs) {
            if (p.name().equals(name)) {
                if (found != null) {
                    throw new org.tuskdb.api.DatabaseException(org.tuskdb.api.SqlState.AMBIGUOUS_FUNCTION,
                        "more than one function named \"" + s + "\"");
                }
                found = p;
            }
        }
        if (found == null) {
            throw new org.tuskdb.api.DatabaseException(org.tuskdb.api.SqlState.UNDEFINED_FUNCTION,
                "function \"" + s + "\" does not exist");
        }
        return new OidValue(PgType.REGPROC, found.oid(), name);
    }

    /**
     * regprocedurein: {@code name(type, ...)} as a regprocedure value, printed with the types'
     * SQL names; a type's support function ({@code array_in(cstring,oid,integer)}) resolves by its
     * name. 22P02 without the parentheses, 42883 when no function has that signature.
     */
    public OidValue regprocedureIn(String text) {
        String s = text.strip();
        if (!s.isEmpty() && s.chars().allMatch(Character::isDigit)) {
            return new OidValue(PgType.REGPROCEDURE, Long.parseLong(s));
        }
        int open = s.indexOf('(');
        if (open < 0 || !s.endsWith(")")) {
            throw new org.tuskdb.api.DatabaseException(org.tuskdb.api.SqlState.INVALID_TEXT_REPRESENTATION,
                "expected a left parenthesis");
        }
        String name = s.substring(0, open).strip();
        if (name.startsWith("pg_catalog.")) {
            name = name.substring("pg_catalog.".length());
        }
        name = name.toLowerCase(java.util.Locale.ROOT);
        String inner = s.substring(open + 1, s.length() - 1).strip();
        String[] argTexts = inner.isEmpty() ? new String[0] : inner.split(",");
        List<String> shown = new ArrayList<>();
        List<PgType> types = new ArrayList<>();
        for (String a : argTexts) {
            String t = a.strip().toLowerCase(java.util.Locale.ROOT);
            PgType type = PgType.byName(t);
            types.add(type);
            shown.add(type == null ? t : type.displayName());
        }
        String label = name + "(" + String.join(",", shown) + ")";
        long support = org.tuskdb.sql.internal.catalog.TypeIoFunctions.oidOf(name);
        if (support >= 0) {
            return new OidValue(PgType.REGPROCEDURE, support, label);
        }
        for (Proc p : procs) {
            if (!p.name().equals(name) || p.args().length != types.size()) {
                continue;
            }
            boolean match = true;
            for (int i = 0; i < types.size() && match; i++) {
                match = types.get(i) != null && types.get(i).oid() == p.args()[i];
            }
            if (match) {
                return new OidValue(PgType.REGPROCEDURE, p.oid(), label);
            }
        }
        throw new org.tuskdb.api.DatabaseException(org.tuskdb.api.SqlState.UNDEFINED_FUNCTION,
            "function \"" + s + "\" does not exist");
    }

    /**
     * regprocout / regprocedureout of a built-in: its name, or name(argument types) as format_type
     * shows them; the number for an oid no built-in has (as PostgreSQL prints an unknown oid).
     */
    public OidValue regprocOut(PgType type, long oid) {
        if (oid == 0) {
            return new OidValue(type, 0, "-");
        }
        Proc p = byOid.get(oid);
        if (p == null) {
            return new OidValue(type, oid, Long.toString(oid));
        }
        if (type == PgType.REGPROC) {
            return new OidValue(type, oid, p.name());
        }
        List<String> shown = new ArrayList<>(p.args().length);
        for (long a : p.args()) {
            PgType t = PgType.byOid((int) a);
            shown.add(t == null ? Long.toString(a) : t.displayName());
        }
        return new OidValue(type, oid, p.name() + "(" + String.join(",", shown) + ")");
    }

    /** The function with that oid, or null. */
    public Proc byOid(long oid) {
        return byOid.get(oid);
    }

    /** pg_proc's rows, in PostgreSQL 15's column order ({@link #COLUMNS}). */
    public List<Value[]> rows() {
        List<Value[]> out = new ArrayList<>(procs.size());
        for (Proc p : procs) {
            Value[] args = new Value[p.args().length];
            for (int i = 0; i < args.length; i++) {
                args[i] = OidValue.oid(p.args()[i]);
            }
            long variadic = p.variadic() && p.args().length > 0 ? p.args()[p.args().length - 1] : 0;
            out.add(new Value[] {OidValue.oid(p.oid()), name(p.name()), OidValue.oid(p.namespace()), OidValue.oid(10),
                OidValue.oid(12), FloatValue.float4(1), FloatValue.float4(p.retset() ? 1000 : 0), OidValue.oid(variadic),
                new OidValue(PgType.REGPROC, 0, "-"), ch(p.kind()), BoolValue.FALSE,
                BoolValue.of(leakproof.contains(p.oid())),
                BoolValue.of(p.strict()), BoolValue.of(p.retset()), ch(p.volatility()), ch('s'),
                IntegerValue.of(PgType.INT2, args.length), IntegerValue.of(PgType.INT2, 0), OidValue.oid(p.result()),
                new ArrayValue(PgType.OIDVECTOR, args), null, null, null, null, null,
                TextValue.text(p.kind() == 'a' ? "aggregate_dummy" : p.name()), null, null, null, null});
        }
        return out;
    }

    public static final String[] COLUMNS = {"oid oid", "proname name", "pronamespace oid", "proowner oid",
        "prolang oid", "procost float4", "prorows float4", "provariadic oid", "prosupport regproc", "prokind char",
        "prosecdef bool", "proleakproof bool", "proisstrict bool", "proretset bool", "provolatile char",
        "proparallel char", "pronargs int2", "pronargdefaults int2", "prorettype oid", "proargtypes oidvector",
        "proallargtypes oid[]", "proargmodes char[]", "proargnames text[]", "proargdefaults text",
        "protrftypes oid[]", "prosrc text", "probin text", "prosqlbody text", "proconfig text[]", "proacl text[]"};

    /** pg_get_function_arguments: the argument types as format_type shows them, VARIADIC marked. */
    public String arguments(Proc p) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < p.args().length; i++) {
            if (i > 0) {
                b.append(", ");
            }
            if (p.variadic() && i == p.args().length - 1) {
                b.append("VARIADIC ");
            }
            b.append(typeName(p.args()[i]));
        }
        return b.toString();
    }

    /** pg_get_function_result: the result type, SETOF for set-returning ones, TABLE(...) for OUT columns. */
    public String result(Proc p) {
        if (p.outColumns() != null) {
            StringBuilder b = new StringBuilder("TABLE(");
            for (int i = 0; i < p.outColumns().size(); i++) {
                Relation.Column c = p.outColumns().get(i);
                b.append(i > 0 ? ", " : "").append(c.name()).append(' ').append(typeName(c.type().oid()));
            }
            return b.append(')').toString();
        }
        return (p.retset() ? "SETOF " : "") + typeName(p.result());
    }

    /** format_type of a built-in type oid, for the pseudo-types too. */
    static String typeName(long oid) {
        if (oid == RECORD) {
            return "record";
        }
        if (oid == ANYELEMENT) {
            return "anyelement";
        }
        if (oid == ANYARRAY) {
            return "anyarray";
        }
        PgType t = PgType.byOid((int) oid);
        return t == null ? Long.toString(oid) : t.displayName();
    }

    private static TextValue name(String s) {
        return new TextValue(PgType.NAME, s);
    }

    private static TextValue ch(char c) {
        return new TextValue(PgType.CHAR, String.valueOf(c));
    }

    /** The pg_proc view: this registry's functions, then the stored user-defined ones. */
    public static PgCatalogViews.ComputedView view(FunctionRegistry registry) {
        return PgCatalogViews.computed("pg_proc", PgCatalogViews.PG_PROC_OID, c -> {
            List<Value[]> user = userRows(c);
            if (user.isEmpty()) {
                return registry.procs().rows();
            }
            List<Value[]> all = new ArrayList<>(registry.procs().rows());
            all.addAll(user);
            return all;
        }, COLUMNS);
    }

    private static Value names(org.tuskdb.sql.internal.catalog.UserFunction f) {
        List<String> all = f.hasOutParams() ? f.allNames() : f.argNames();
        if (all.stream().allMatch(n -> n == null)) {
            return null;
        }
        Value[] names = new Value[all.size()];
        for (int i = 0; i < names.length; i++) {
            names[i] = TextValue.text(all.get(i) == null ? "" : all.get(i));
        }
        return new ArrayValue(PgType.TEXT_ARRAY, names);
    }

    /** A table's row type by its oid with the table's name (what these rows print of it), no fields. */
    private static java.util.function.LongFunction<PgType> rowTypeNames(org.tuskdb.sql.internal.expr.EvalContext ctx) {
        org.tuskdb.sql.internal.storage.StorageContext sc = ctx.storage();
        return oid -> {
            PgType user = org.tuskdb.sql.internal.catalog.CatalogNames.typeByOid(sc, oid); // an enum or a domain
            if (user != null) {
                return user;
            }
            var cls = new org.tuskdb.sql.internal.catalog.CatalogStore(sc.heap(), sc.transaction())
                .findClassByOid(oid, sc.freshSnapshot());
            return cls == null ? null : PgType.composite(oid, ((TextValue) cls.row()[
                org.tuskdb.sql.internal.catalog.CatalogTables.CLASS_RELNAME]).value(), List.of(), List.of(), List.of());
        };
    }

    /** The stored pg_proc rows (CREATE FUNCTION) as this transaction sees them. */
    private static List<Value[]> storedRows(org.tuskdb.sql.internal.expr.EvalContext ctx) {
        org.tuskdb.sql.internal.storage.StorageContext sc = ctx.storage();
        if (!org.tuskdb.sql.internal.catalog.CatalogNames.tables(sc)) {
            return List.of();
        }
        List<Value[]> out = new ArrayList<>();
        for (var e : new org.tuskdb.sql.internal.catalog.CatalogStore(sc.heap(), sc.transaction())
            .all(org.tuskdb.sql.internal.catalog.CatalogTables.PG_PROC, sc.freshSnapshot())) {
            out.add(e.row());
        }
        return out;
    }

    /** The user-defined function of that oid, or null (pg_get_function_result and friends). */
    public static org.tuskdb.sql.internal.catalog.UserFunction userFunction(org.tuskdb.sql.internal.expr.EvalContext ctx,
                                                                          long oid) {
        if (oid < FIRST_OID) {
            return null;
        }
        for (Value[] s : storedRows(ctx)) {
            if (((OidValue) s[0]).value() == oid) {
                return org.tuskdb.sql.internal.catalog.UserFunction.fromRow(s, rowTypeNames(ctx));
            }
        }
        return null;
    }

    /** The stored pg_proc rows (CREATE FUNCTION), widened to PostgreSQL's columns. */
    private static List<Value[]> userRows(org.tuskdb.sql.internal.expr.EvalContext ctx) {
        List<Value[]> out = new ArrayList<>();
        org.tuskdb.sql.internal.catalog.Roles roles = org.tuskdb.sql.internal.catalog.Roles.of(ctx);
        for (Value[] s : storedRows(ctx)) {
            var f = org.tuskdb.sql.internal.catalog.UserFunction.fromRow(s, rowTypeNames(ctx));
            Value[] args = new Value[f.argTypes().size()];
            for (int i = 0; i < args.length; i++) {
                args[i] = OidValue.oid(f.argTypes().get(i).oid());
            }
            Value allTypes = null, modes = null;
            if (f.modes() != null) {
                Value[] all = new Value[f.allTypes().size()];
                Value[] m = new Value[all.length];
                for (int i = 0; i < all.length; i++) {
                    all[i] = OidValue.oid(f.allTypes().get(i).oid());
                    m[i] = ch(f.modes().charAt(i));
                }
                allTypes = new ArrayValue(PgType.OID_ARRAY, all);
                modes = new ArrayValue(PgType.arrayOf(PgType.CHAR), m);
            }
            out.add(new Value[] {s[0], s[1], s[2], OidValue.oid(org.tuskdb.sql.internal.catalog.CatalogTables.owner(
                s[org.tuskdb.sql.internal.catalog.CatalogTables.PROC_OWNER])), s[3], FloatValue.float4(100),
                FloatValue.float4(f.retset() ? 1000 : 0),
                OidValue.oid(f.variadic() ? f.argTypes().get(f.argTypes().size() - 1).elementType().oid() : 0),
                new OidValue(PgType.REGPROC, 0, "-"), ch('f'),
                BoolValue.FALSE, BoolValue.FALSE, s[4], s[5], ch(f.volatility()), ch('u'), s[7], s[8], s[9],
                new ArrayValue(PgType.OIDVECTOR, args), allTypes, modes, names(f), null, null, s[13], null, s[14],
                null, org.tuskdb.sql.internal.catalog.AclItems.displayArray(
                    s[org.tuskdb.sql.internal.catalog.CatalogTables.PROC_ACL], roles)});
        }
        return out;
    }
}
