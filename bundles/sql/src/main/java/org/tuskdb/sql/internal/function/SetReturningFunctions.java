package org.tuskdb.sql.internal.function;

import static org.tuskdb.sql.internal.value.PgType.BOOL;
import static org.tuskdb.sql.internal.value.PgType.INT4;
import static org.tuskdb.sql.internal.value.PgType.INT8;
import static org.tuskdb.sql.internal.value.PgType.INTERVAL;
import static org.tuskdb.sql.internal.value.PgType.JSON;
import static org.tuskdb.sql.internal.value.PgType.JSONB;
import static org.tuskdb.sql.internal.value.PgType.NUMERIC;
import static org.tuskdb.sql.internal.value.PgType.TEXT;
import static org.tuskdb.sql.internal.value.PgType.TEXT_ARRAY;
import static org.tuskdb.sql.internal.value.PgType.TIMESTAMP;
import static org.tuskdb.sql.internal.value.PgType.TIMESTAMPTZ;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.tuskdb.api.DatabaseException;
import org.tuskdb.api.SqlState;
import org.tuskdb.sql.internal.catalog.Relation;
import org.tuskdb.sql.internal.expr.EvalContext;
import org.tuskdb.sql.internal.value.ArrayValue;
import org.tuskdb.sql.internal.value.DateTimes;
import org.tuskdb.sql.internal.value.IntegerValue;
import org.tuskdb.sql.internal.value.IntervalValue;
import org.tuskdb.sql.internal.value.Json;
import org.tuskdb.sql.internal.value.JsonValue;
import org.tuskdb.sql.internal.value.NumericValue;
import org.tuskdb.sql.internal.value.PgType;
import org.tuskdb.sql.internal.value.TextValue;
import org.tuskdb.sql.internal.value.TimestampValue;
import org.tuskdb.sql.internal.value.Value;

/**
 * The built-in set-returning functions: generate_series (integer, bigint, numeric, timestamp,
 * timestamptz), generate_subscripts, unnest, regexp_matches, regexp_split_to_table,
 * string_to_table, json[b]_array_elements[_text], json[b]_each[_text], json[b]_object_keys, and
 * information_schema._pg_expandarray.
 * Rows are produced lazily, one per {@code next()}, so {@code generate_series(1, 1e9) LIMIT 3}
 * costs three rows.
 */
public final class SetReturningFunctions {
    private SetReturningFunctions() {}

    private static final TableFunctionDef.Rows EMPTY = () -> null;

    static void register(FunctionRegistry r) {
        RegexFunctions regex = new RegexFunctions(); // compiles (and caches) with PostgreSQL's syntax
        for (PgType t : List.of(INT4, INT8)) {
            integerSeries(r, t, false);
            integerSeries(r, t, true);
        }
        add(r, "generate_series", List.of(NUMERIC, NUMERIC), one("generate_series", NUMERIC),
            (a, c) -> numericSeries(a[0], a[1], NumericValue.of(1)));
        add(r, "generate_series", List.of(NUMERIC, NUMERIC, NUMERIC), one("generate_series", NUMERIC),
            (a, c) -> numericSeries(a[0], a[1], a[2]));
        for (PgType ts : List.of(TIMESTAMP, TIMESTAMPTZ)) {
            add(r, "generate_series", List.of(ts, ts, INTERVAL), 's', one("generate_series", ts),
                (a, c) -> timestampSeries(ts, a, c));
        }
        // int2vector / oidvector are arrays to PostgreSQL's anyarray: SQLAlchemy unnests pg_index.indkey
        List<PgType> arrays = new ArrayList<>(List.of(PgType.ARRAYS));
        arrays.add(PgType.INT2VECTOR);
        arrays.add(PgType.OIDVECTOR);
        for (PgType arr : arrays) {
            PgType e = arr.elementType();
            add(r, "unnest", List.of(arr), one("unnest", e), (a, c) -> elements((ArrayValue) a[0]));
            add(r, "generate_subscripts", List.of(arr, INT4), one("generate_subscripts", INT4),
                (a, c) -> subscripts((ArrayValue) a[0], a[1], false));
            add(r, "generate_subscripts", List.of(arr, INT4, BOOL), one("generate_subscripts", INT4),
                (a, c) -> subscripts((ArrayValue) a[0], a[1], a[2] == org.tuskdb.sql.internal.value.BoolValue.TRUE));
        }
        // pg_partition_ancestors(rel): the relation, then each partitioned table above it (psql's \d reads it)
        add(r, "pg_partition_ancestors", List.of(PgType.REGCLASS), 's', one("relid", PgType.REGCLASS),
            (a, c) -> rows(partitionAncestors(c, ((org.tuskdb.sql.internal.value.OidValue) a[0]).value())));
        // information_schema._pg_expandarray: the JDBC driver's getPrimaryKeys / getIndexInfo
        // expand pg_index.indkey (an int2vector) with it; one record (x, n) per element and position
        for (PgType arr : arrays) {
            PgType record = PgType.recordOf(List.of("x", "n"), List.of(arr.elementType(), INT4));
            add(r, "_pg_expandarray", List.of(arr), one("_pg_expandarray", record),
                (a, c) -> expanded((ArrayValue) a[0], record));
        }
        add(r, "regexp_matches", List.of(TEXT, TEXT), one("regexp_matches", TEXT_ARRAY),
            (a, c) -> regexpMatches(regex, text(a[0]), text(a[1]), ""));
        add(r, "regexp_matches", List.of(TEXT, TEXT, TEXT), one("regexp_matches", TEXT_ARRAY),
            (a, c) -> regexpMatches(regex, text(a[0]), text(a[1]), text(a[2])));
        // the *_to_table functions are the *_to_array functions, unnested
        for (FunctionDef f : r.functions("regexp_split_to_array")) {
            add(r, "regexp_split_to_table", f.argTypes(), one("regexp_split_to_table", TEXT),
                (a, c) -> elements((ArrayValue) f.impl().call(a, c)));
        }
        for (FunctionDef f : r.functions("string_to_array")) {
            r.addTableFunction(new TableFunctionDef(new FunctionDef("string_to_table", f.argTypes(), TEXT, false,
                f.strict(), 'i', null), one("string_to_table", TEXT), (a, c) -> {
                    Value v = f.impl().call(a, c);
                    return v == null ? EMPTY : elements((ArrayValue) v);
                }));
        }
        for (PgType j : List.of(JSON, JSONB)) {
            String p = j == JSON ? "json" : "jsonb";
            add(r, p + "_array_elements", List.of(j), one("value", j), (a, c) -> jsonElements(a[0], false));
            add(r, p + "_array_elements_text", List.of(j), one("value", TEXT), (a, c) -> jsonElements(a[0], true));
            add(r, p + "_each", List.of(j), List.of(new Relation.Column("key", TEXT, -1),
                new Relation.Column("value", j, -1)), (a, c) -> jsonEach(a[0], false));
            add(r, p + "_each_text", List.of(j), List.of(new Relation.Column("key", TEXT, -1),
                new Relation.Column("value", TEXT, -1)), (a, c) -> jsonEach(a[0], true));
            add(r, p + "_object_keys", List.of(j), one(p + "_object_keys", TEXT), (a, c) -> jsonKeys(a[0]));
        }
    }

    private static List<Relation.Column> one(String name, PgType type) {
        return List.of(new Relation.Column(name, type, -1));
    }

    private static void add(FunctionRegistry r, String name, List<PgType> args, List<Relation.Column> cols,
                            TableFunctionDef.Producer p) {
        add(r, name, args, 'i', cols, p);
    }

    private static void add(FunctionRegistry r, String name, List<PgType> args, char volatility,
                            List<Relation.Column> cols, TableFunctionDef.Producer p) {
        r.addTableFunction(new TableFunctionDef(new FunctionDef(name, args, cols.get(0).type(), false, true, volatility,
            null), cols, p));
    }

    private static String text(Value v) {
        return ((TextValue) v).textValue();
    }

    // ---- generate_series -------------------------------------------------------------------

    private static void integerSeries(FunctionRegistry r, PgType t, boolean withStep) {
        List<PgType> args = withStep ? List.of(t, t, t) : List.of(t, t);
        add(r, "generate_series", args, one("generate_series", t), (a, c) -> {
            long start = ((IntegerValue) a[0]).value();
            long stop = ((IntegerValue) a[1]).value();
            long step = withStep ? ((IntegerValue) a[2]).value() : 1;
            if (step == 0) {
                throw stepZero();
            }
            return new TableFunctionDef.Rows() {
                private long next = start;
                private boolean done = step > 0 ? start > stop : start < stop;

                @Override
                public Value[] next() {
                    if (done) {
                        return null;
                    }
                    long v = next;
                    long n = v + step;
                    // stop at the end, or where the next value would overflow the type
                    boolean overflow = t == INT4 ? n != (int) n : ((v ^ n) & (step ^ n)) < 0;
                    done = overflow || (step > 0 ? n > stop : n < stop);
                    next = n;
                    return new Value[] {IntegerValue.of(t, v)};
                }
            };
        });
    }

    private static DatabaseException stepZero() {
        return DatabaseException.error(SqlState.INVALID_PARAMETER_VALUE, "step size cannot equal zero");
    }

    private static TableFunctionDef.Rows numericSeries(Value startV, Value stopV, Value stepV) {
        NumericValue[] values = {(NumericValue) startV, (NumericValue) stopV, (NumericValue) stepV};
        String[] what = {"start value", "stop value", "step size"};
        for (int i = 0; i < 3; i++) {
            if (values[i].special() == NumericValue.NAN) {
                throw DatabaseException.error(SqlState.INVALID_PARAMETER_VALUE, what[i] + " cannot be NaN");
            }
            if (!values[i].isFinite() && i != 1) {
                throw DatabaseException.error(SqlState.INVALID_PARAMETER_VALUE, what[i] + " cannot be infinity");
            }
        }
        BigDecimal start = values[0].value();
        BigDecimal step = values[2].value();
        if (step.signum() == 0) {
            throw stepZero();
        }
        NumericValue stop = values[1];
        return new TableFunctionDef.Rows() {
            private BigDecimal next = start;

            @Override
            public Value[] next() {
                NumericValue v = NumericValue.of(next);
                int cmp = v.compareTo(stop);
                if (step.signum() > 0 ? cmp > 0 : cmp < 0) {
                    return null;
                }
                next = next.add(step);
                return new Value[] {v};
            }
        };
    }

    private static TableFunctionDef.Rows timestampSeries(PgType ts, Value[] a, EvalContext c) {
        long start = ((TimestampValue) a[0]).micros();
        long stop = ((TimestampValue) a[1]).micros();
        IntervalValue step = (IntervalValue) a[2];
        java.time.ZoneId zone = ts == TIMESTAMPTZ ? c.style().zone() : null;
        long probe = DateTimes.addInterval(start, step, zone);
        if (probe == start) {
            throw stepZero();
        }
        boolean up = probe > start;
        return new TableFunctionDef.Rows() {
            private long next = start;
            private boolean done;

            @Override
            public Value[] next() {
                if (done || (up ? next > stop : next < stop)) {
                    return null;
                }
                long v = next;
                if (v == TimestampValue.POS_INFINITY || v == TimestampValue.NEG_INFINITY) {
                    done = true;
                } else {
                    next = DateTimes.addInterval(v, step, zone);
                }
                return new Value[] {new TimestampValue(ts, v)};
            }
        };
    }

    // ---- arrays ------------------------------------------------------------------------------

    /**
     * unnest(anyarray) for an array type the registry holds no signature of (a user type's or a row
     * type's): an array of a row type gives the type's attributes as columns, as a function returning
     * a composite type does in FROM (a NULL element: a row of NULLs).
     */
    public static TableFunctionDef unnestFor(PgType array) {
        PgType e = array.elementType();
        if (!e.isComposite()) {
            return new TableFunctionDef(new FunctionDef("unnest", List.of(array), e, false, true, 'i', null),
                one("unnest", e), (a, c) -> elements((ArrayValue) a[0]));
        }
        List<Relation.Column> cols = new ArrayList<>();
        for (int i = 0; i < e.fieldCount(); i++) {
            cols.add(new Relation.Column(e.fieldName(i), e.fieldType(i), e.fieldTypmod(i)));
        }
        return new TableFunctionDef(new FunctionDef("unnest", List.of(array), e, false, true, 'i', null), cols,
            (a, c) -> {
                TableFunctionDef.Rows elements = elements((ArrayValue) a[0]);
                return () -> {
                    Value[] r = elements.next();
                    if (r == null) {
                        return null;
                    }
                    return r[0] == null ? new Value[e.fieldCount()]
                        : ((org.tuskdb.sql.internal.value.RecordValue) r[0]).fields().clone();
                };
            });
    }

    private static TableFunctionDef.Rows elements(ArrayValue a) {
        if (a == null) {
            return EMPTY;
        }
        return new TableFunctionDef.Rows() {
            private int i;

            @Override
            public Value[] next() {
                return i < a.length() ? new Value[] {a.get(i++)} : null;
            }
        };
    }

    private static TableFunctionDef.Rows expanded(ArrayValue a, PgType record) {
        return new TableFunctionDef.Rows() {
            private int i;

            @Override
            public Value[] next() {
                if (i >= a.length()) {
                    return null;
                }
                Value x = a.get(i++);
                return new Value[] {new org.tuskdb.sql.internal.value.RecordValue(record,
                    new Value[] {x, IntegerValue.int4(i)})};
            }
        };
    }

    private static TableFunctionDef.Rows subscripts(ArrayValue a, Value dim, boolean reverse) {
        // one-dimensional arrays with lower bound 1: dimension 1 has subscripts 1..n, others none;
        // int2vector and oidvector count from 0 (pg_index.indkey[0] is the first key column)
        int n = ((IntegerValue) dim).value() == 1 ? a.length() : 0;
        int base = a.type() == PgType.INT2VECTOR || a.type() == PgType.OIDVECTOR ? -1 : 0;
        return new TableFunctionDef.Rows() {
            private int i;

            @Override
            public Value[] next() {
                if (i >= n) {
                    return null;
                }
                i++;
                return new Value[] {IntegerValue.int4((reverse ? n - i + 1 : i) + base)};
            }
        };
    }

    // ---- regular expressions ------------------------------------------------------------------

    private static TableFunctionDef.Rows regexpMatches(RegexFunctions regex, String s, String re, String flagText) {
        Pattern pattern = regex.pattern(re, RegexFunctions.flags(flagText, true));
        boolean global = flagText.indexOf('g') >= 0;
        Matcher m = pattern.matcher(s);
        return new TableFunctionDef.Rows() {
            private boolean done;

            @Override
            public Value[] next() {
                if (done || !m.find()) {
                    return null;
                }
                done = !global;
                Value[] groups;
                if (m.groupCount() == 0) {
                    groups = new Value[] {TextValue.text(m.group())};
                } else {
                    groups = new Value[m.groupCount()];
                    for (int g = 1; g <= m.groupCount(); g++) {
                        groups[g - 1] = m.group(g) == null ? null : TextValue.text(m.group(g));
                    }
                }
                return new Value[] {new ArrayValue(TEXT_ARRAY, groups)};
            }
        };
    }

    // ---- json --------------------------------------------------------------------------------

    private static List<Value[]> partitionAncestors(EvalContext c, long oid) {
        List<Value[]> out = new ArrayList<>();
        org.tuskdb.sql.internal.storage.StorageContext sc = c.storage();
        if (!org.tuskdb.sql.internal.catalog.CatalogNames.tables(sc)) {
            return out;
        }
        org.tuskdb.sql.internal.catalog.CatalogStore store = new org.tuskdb.sql.internal.catalog.CatalogStore(sc.heap(),
            sc.transaction());
        org.tuskdb.api.xact.Snapshot snap = sc.freshSnapshot();
        long at = oid;
        while (at != 0) {
            org.tuskdb.sql.internal.catalog.CatalogStore.Entry e = store.findClassByOid(at, snap);
            if (e == null) {
                break;
            }
            out.add(new Value[] {org.tuskdb.sql.internal.expr.RegCastExpr.make(c, PgType.REGCLASS, at)});
            at = org.tuskdb.sql.internal.catalog.CatalogTables.partitionParent(e.row());
        }
        return out;
    }

    private static TableFunctionDef.Rows rows(List<Value[]> list) {
        Iterator<Value[]> it = list.iterator();
        return () -> it.hasNext() ? it.next() : null;
    }

    private static TableFunctionDef.Rows jsonElements(Value v, boolean asText) {
        JsonValue j = (JsonValue) v;
        String fn = (j.isJsonb() ? "jsonb" : "json") + "_array_elements" + (asText ? "_text" : "");
        List<Value[]> out = new ArrayList<>();
        if (j.isJsonb()) {
            if (!(j.tree() instanceof List<?> list)) {
                throw DatabaseException.error(SqlState.INVALID_PARAMETER_VALUE,
                    "cannot extract elements from " + (j.tree() instanceof Map<?, ?> ? "an object" : "a scalar"));
            }
            for (Object e : list) {
                out.add(new Value[] {asText ? jsonbText(e) : JsonValue.jsonb(e)});
            }
        } else {
            List<String[]> members = Json.members(j.toText(null));
            if (members == null || (!members.isEmpty() && members.get(0)[0] != null)
                || (members.isEmpty() && j.toText(null).trim().startsWith("{"))) {
                throw DatabaseException.error(SqlState.INVALID_PARAMETER_VALUE, "cannot call " + fn + " on a "
                    + (members == null ? "scalar" : "non-array"));
            }
            for (String[] m : members) {
                out.add(new Value[] {asText ? jsonText(m[1]) : JsonValue.jsonTrusted(m[1])});
            }
        }
        return rows(out);
    }

    private static TableFunctionDef.Rows jsonEach(Value v, boolean asText) {
        JsonValue j = (JsonValue) v;
        String fn = (j.isJsonb() ? "jsonb" : "json") + "_each" + (asText ? "_text" : "");
        List<Value[]> out = new ArrayList<>();
        if (j.isJsonb()) {
            if (!(j.tree() instanceof Map<?, ?> map)) {
                throw DatabaseException.error(SqlState.INVALID_PARAMETER_VALUE, "cannot call " + fn + " on a non-object");
            }
            for (Map.Entry<?, ?> e : map.entrySet()) {
                Object val = e.getValue();
                out.add(new Value[] {TextValue.text((String) e.getKey()), asText ? jsonbText(val) : JsonValue.jsonb(val)});
            }
        } else {
            List<String[]> members = Json.members(j.toText(null));
            if (members == null || (!members.isEmpty() && members.get(0)[0] == null)
                || (members.isEmpty() && j.toText(null).trim().startsWith("["))) {
                throw DatabaseException.error(SqlState.INVALID_PARAMETER_VALUE, "cannot call " + fn + " on a non-object");
            }
            for (String[] m : members) {
                out.add(new Value[] {TextValue.text(m[0]), asText ? jsonText(m[1]) : JsonValue.jsonTrusted(m[1])});
            }
        }
        return rows(out);
    }

    private static TableFunctionDef.Rows jsonKeys(Value v) {
        JsonValue j = (JsonValue) v;
        String fn = (j.isJsonb() ? "jsonb" : "json") + "_object_keys";
        List<Value[]> out = new ArrayList<>();
        if (j.isJsonb()) {
            if (!(j.tree() instanceof Map<?, ?> map)) {
                throw DatabaseException.error(SqlState.INVALID_PARAMETER_VALUE, "cannot call " + fn + " on "
                    + (j.tree() instanceof List<?> ? "an array" : "a scalar"));
            }
            for (Object k : map.keySet()) {
                out.add(new Value[] {TextValue.text((String) k)});
            }
        } else {
            List<String[]> members = Json.members(j.toText(null));
            if (members == null || (!members.isEmpty() && members.get(0)[0] == null)
                || (members.isEmpty() && j.toText(null).trim().startsWith("["))) {
                throw DatabaseException.error(SqlState.INVALID_PARAMETER_VALUE, "cannot call " + fn + " on "
                    + (members == null ? "a scalar" : "an array"));
            }
            for (String[] m : members) {
                out.add(new Value[] {TextValue.text(m[0])});
            }
        }
        return rows(out);
    }

    /** A jsonb value as text: strings unquoted, JSON null as SQL NULL (->> semantics). */
    private static Value jsonbText(Object v) {
        if (v == null || v == Json.NULL) {
            return null;
        }
        return TextValue.text(v instanceof String s ? s : Json.toJsonbText(v));
    }

    /** A json value's raw text as text: strings unquoted and unescaped, null as SQL NULL. */
    private static Value jsonText(String raw) {
        String t = raw.trim();
        if (t.equals("null")) {
            return null;
        }
        if (t.startsWith("\"")) {
            Object s = Json.parse(t, true);
            return TextValue.text((String) s);
        }
        return TextValue.text(t);
    }
}
