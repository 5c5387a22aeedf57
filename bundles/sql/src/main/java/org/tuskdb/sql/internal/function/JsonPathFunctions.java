package org.tuskdb.sql.internal.function;

import static org.tuskdb.sql.internal.value.PgType.BOOL;
import static org.tuskdb.sql.internal.value.PgType.JSONB;
import static org.tuskdb.sql.internal.value.PgType.JSONPATH;

import java.util.ArrayList;
import java.util.List;
import org.tuskdb.sql.internal.catalog.Relation;
import org.tuskdb.sql.internal.value.BoolValue;
import org.tuskdb.sql.internal.value.Json;
import org.tuskdb.sql.internal.value.JsonPathValue;
import org.tuskdb.sql.internal.value.JsonValue;
import org.tuskdb.sql.internal.value.PgType;
import org.tuskdb.sql.internal.value.Value;

/**
 * The SQL/JSON path functions over jsonb (jsonb_path_exists, _match, _query, _query_array,
 * _query_first, each also as the _tz variant, which differs only for .datetime()) and the
 * operators @? and @@. The functions take (target, path [, vars [, silent]]) with vars '{}' and
 * silent false by default; the operators are the silent forms without vars. Evaluation is
 * {@link JsonPathExecutor}'s.
 */
final class JsonPathFunctions {
    private JsonPathFunctions() {}

    static void register(FunctionRegistry r) {
        for (String suffix : List.of("", "_tz")) {
            char volatility = suffix.isEmpty() ? 'i' : 's';
            for (List<PgType> args : List.of(List.of(JSONB, JSONPATH), List.of(JSONB, JSONPATH, JSONB),
                List.of(JSONB, JSONPATH, JSONB, BOOL))) {
                r.fn("jsonb_path_exists" + suffix, BOOL, args, volatility, (a, c) -> exists(a, vars(a), silent(a)));
                r.fn("jsonb_path_match" + suffix, BOOL, args, volatility, (a, c) -> match(a, vars(a), silent(a)));
                r.fn("jsonb_path_query_array" + suffix, JSONB, args, volatility,
                    (a, c) -> JsonValue.jsonb(new ArrayList<>(query(a, silent(a)))));
                r.fn("jsonb_path_query_first" + suffix, JSONB, args, volatility, (a, c) -> {
                    List<Object> found = query(a, silent(a));
                    return found.isEmpty() ? null : JsonValue.jsonb(found.get(0));
                });
                String name = "jsonb_path_query" + suffix;
                r.addTableFunction(new TableFunctionDef(new FunctionDef(name, args, JSONB, false, true, volatility, null),
                    List.of(new Relation.Column(name, JSONB, -1)), (a, c) -> {
                        List<Object> found = query(a, silent(a));
                        return new TableFunctionDef.Rows() {
                            private int next;

                            @Override
                            public Value[] next() {
                                return next < found.size() ? new Value[] {JsonValue.jsonb(found.get(next++))} : null;
                            }
                        };
                    }));
            }
        }
        r.op("@?", JSONB, JSONPATH, BOOL, (a, b) -> exists(new Value[] {a, b}, null, true));
        r.op("@@", JSONB, JSONPATH, BOOL, (a, b) -> match(new Value[] {a, b}, null, true));
    }

    private static Object vars(Value[] a) {
        return a.length > 2 ? ((JsonValue) a[2]).tree() : Json.newJsonbObject();
    }

    private static boolean silent(Value[] a) {
        return a.length > 3 && ((BoolValue) a[3]).value();
    }

    private static JsonPathExecutor executor(Value[] a, Object vars) {
        return new JsonPathExecutor(((JsonPathValue) a[1]).path(), ((JsonValue) a[0]).tree(), vars);
    }

    private static Value exists(Value[] a, Object vars, boolean silent) {
        JsonPathExecutor e = executor(a, vars);
        try {
            return BoolValue.of(e.exists());
        } catch (JsonPathExecutor.PathError err) {
            if (silent) {
                return null;
            }
            throw err.error;
        }
    }

    /** Every item the path yields; a silenced error keeps those found before it. */
    private static List<Object> query(Value[] a, boolean silent) {
        return collect(executor(a, vars(a)), silent);
    }

    private static List<Object> collect(JsonPathExecutor e, boolean silent) {
        JsonPathExecutor.Out out = new JsonPathExecutor.Out(false);
        try {
            e.run(out);
        } catch (JsonPathExecutor.PathError err) {
            if (!silent) {
                throw err.error;
            }
        }
        return out.items;
    }

    private static Value match(Value[] a, Object vars, boolean silent) {
        List<Object> found = collect(executor(a, vars), silent);
        if (found.size() == 1) {
            Object v = found.get(0);
            if (v instanceof Boolean b) {
                return BoolValue.of(b);
            }
            if (v == Json.NULL) {
                return null;
            }
        }
        if (!silent) {
            throw org.tuskdb.api.DatabaseException.error("22038", "single boolean result is expected");
        }
        return null;
    }
}
