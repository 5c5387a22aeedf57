package org.tuskdb.sql.internal.function;

import static org.tuskdb.sql.internal.value.PgType.BOOL;
import static org.tuskdb.sql.internal.value.PgType.INT4;
import static org.tuskdb.sql.internal.value.PgType.JSON;
import static org.tuskdb.sql.internal.value.PgType.JSONB;
import static org.tuskdb.sql.internal.value.PgType.TEXT;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.tuskdb.api.DatabaseException;
import org.tuskdb.api.SqlState;
import org.tuskdb.sql.internal.expr.EvalContext;
import org.tuskdb.sql.internal.value.BoolValue;
import org.tuskdb.sql.internal.value.DateValue;
import org.tuskdb.sql.internal.value.FloatValue;
import org.tuskdb.sql.internal.value.IntegerValue;
import org.tuskdb.sql.internal.value.Json;
import org.tuskdb.sql.internal.value.JsonValue;
import org.tuskdb.sql.internal.value.NumericValue;
import org.tuskdb.sql.internal.value.PgType;
import org.tuskdb.sql.internal.value.TextValue;
import org.tuskdb.sql.internal.value.TimestampValue;
import org.tuskdb.sql.internal.value.Value;

/**
 * json / jsonb operators (-> ->> @> <@ ? || -) and functions (typeof, array_length,
 * build_object, build_array, to_json[b]), with jsonfuncs.c's results and errors.
 */
final class JsonFunctions {
    private JsonFunctions() {}

    static void register(FunctionRegistry r) {
        r.op("->", JSONB, TEXT, JSONB, (a, b) -> {
            Object v = field(tree(a), text(b));
            return v == null ? null : JsonValue.jsonb(v);
        });
        r.op("->", JSONB, INT4, JSONB, (a, b) -> {
            Object v = element(tree(a), (int) ((IntegerValue) b).value());
            return v == null ? null : JsonValue.jsonb(v);
        });
        r.op("->>", JSONB, TEXT, TEXT, (a, b) -> asText(field(tree(a), text(b))));
        r.op("->>", JSONB, INT4, TEXT, (a, b) -> asText(element(tree(a), (int) ((IntegerValue) b).value())));
        r.op("->", JSON, TEXT, JSON, (a, b) -> {
            String raw = jsonField(a, text(b));
            return raw == null ? null : JsonValue.jsonTrusted(raw);
        });
        r.op("->", JSON, INT4, JSON, (a, b) -> {
            String raw = jsonElement(a, (int) ((IntegerValue) b).value());
            return raw == null ? null : JsonValue.jsonTrusted(raw);
        });
        r.op("->>", JSON, TEXT, TEXT, (a, b) -> rawAsText(jsonField(a, text(b))));
        r.op("->>", JSON, INT4, TEXT, (a, b) -> rawAsText(jsonElement(a, (int) ((IntegerValue) b).value())));

        r.op("@>", JSONB, JSONB, BOOL, (a, b) -> BoolValue.of(Json.contains(tree(a), tree(b), true)));
        r.op("<@", JSONB, JSONB, BOOL, (a, b) -> BoolValue.of(Json.contains(tree(b), tree(a), true)));
        r.op("?", JSONB, TEXT, BOOL, (a, b) -> BoolValue.of(exists(tree(a), text(b))));
        r.op("||", JSONB, JSONB, JSONB, (a, b) -> JsonValue.jsonb(concat(tree(a), tree(b))));
        r.op("-", JSONB, TEXT, JSONB, (a, b) -> JsonValue.jsonb(deleteKey(tree(a), text(b))));
        r.op("-", JSONB, INT4, JSONB, (a, b) -> JsonValue.jsonb(deleteIndex(tree(a), (int) ((IntegerValue) b).value())));
        r.op("-", JSONB, PgType.TEXT_ARRAY, JSONB, (a, b) -> {
            Object t = tree(a);
            for (Value k : ((org.tuskdb.sql.internal.value.ArrayValue) b).elements()) {
                if (k != null) {
                    t = deleteKey(t, text(k));
                }
            }
            return JsonValue.jsonb(t);
        });
        r.op("#-", JSONB, PgType.TEXT_ARRAY, JSONB, (a, b) -> {
            Object t = tree(a);
            org.tuskdb.sql.internal.value.ArrayValue path = (org.tuskdb.sql.internal.value.ArrayValue) b;
            if (!(t instanceof Map) && !(t instanceof List)) {
                throw DatabaseException.error(SqlState.INVALID_PARAMETER_VALUE, "cannot delete path in scalar");
            }
            return JsonValue.jsonb(path.length() == 0 ? t : deletePath(t, path, 0));
        });

        r.op("?|", JSONB, PgType.TEXT_ARRAY, BOOL, (a, b) -> {
            for (Value k : ((org.tuskdb.sql.internal.value.ArrayValue) b).elements()) {
                if (k != null && exists(tree(a), text(k))) {
                    return BoolValue.of(true);
                }
            }
            return BoolValue.of(false);
        });
        r.op("?&", JSONB, PgType.TEXT_ARRAY, BOOL, (a, b) -> {
            for (Value k : ((org.tuskdb.sql.internal.value.ArrayValue) b).elements()) {
                if (k != null && !exists(tree(a), text(k))) {
                    return BoolValue.of(false);
                }
            }
            return BoolValue.of(true);
        });
        r.addFunction(new FunctionDef("jsonb_extract_path", List.of(JSONB, TEXT), JSONB, true, true, 'i', (a, c) -> {
            Object v = extract(tree(a[0]), a);
            return v == null ? null : JsonValue.jsonb(v);
        }));
        r.addFunction(new FunctionDef("jsonb_extract_path_text", List.of(JSONB, TEXT), TEXT, true, true, 'i',
            (a, c) -> asText(extract(tree(a[0]), a))));
        r.addFunction(new FunctionDef("json_extract_path", List.of(JSON, TEXT), JSON, true, true, 'i', (a, c) -> {
            Object v = extract(tree(a[0]), a);
            if (v == null) {
                return null;
            }
            StringBuilder sb = new StringBuilder();
            Json.write(sb, v, ",", ":");
            return JsonValue.jsonTrusted(sb.toString());
        }));
        r.addFunction(new FunctionDef("json_extract_path_text", List.of(JSON, TEXT), TEXT, true, true, 'i', (a, c) -> {
            Object v = extract(tree(a[0]), a);
            if (v == null || v == Json.NULL) {
                return null;
            }
            if (v instanceof String str) {
                return TextValue.text(str);
            }
            StringBuilder sb = new StringBuilder();
            Json.write(sb, v, ",", ":");
            return TextValue.text(sb.toString());
        }));
        r.fn("jsonb_pretty", TEXT, List.of(JSONB), (a, c) -> {
            StringBuilder sb = new StringBuilder();
            pretty(sb, tree(a[0]), 0);
            return TextValue.text(sb.toString());
        });
        r.fn("jsonb_strip_nulls", JSONB, List.of(JSONB), (a, c) -> JsonValue.jsonb(stripNulls(tree(a[0]))));
        r.fn("jsonb_set", JSONB, List.of(JSONB, PgType.TEXT_ARRAY, JSONB), (a, c) ->
            JsonValue.jsonb(set(tree(a[0]), (org.tuskdb.sql.internal.value.ArrayValue) a[1], 0, tree(a[2]), true)));
        r.fn("jsonb_set", JSONB, List.of(JSONB, PgType.TEXT_ARRAY, JSONB, BOOL), (a, c) ->
            JsonValue.jsonb(set(tree(a[0]), (org.tuskdb.sql.internal.value.ArrayValue) a[1], 0, tree(a[2]),
                ((BoolValue) a[3]).value())));
        r.fn("jsonb_typeof", TEXT, List.of(JSONB), (a, c) -> TextValue.text(Json.typeOf(tree(a[0]))));
        r.fn("json_typeof", TEXT, List.of(JSON), (a, c) -> TextValue.text(Json.typeOf(tree(a[0]))));
        r.fn("jsonb_array_length", INT4, List.of(JSONB), (a, c) -> IntegerValue.int4(arrayLength(tree(a[0]), true)));
        r.fn("json_array_length", INT4, List.of(JSON), (a, c) -> IntegerValue.int4(arrayLength(tree(a[0]), false)));

        r.addFunction(new FunctionDef("jsonb_build_object", List.of(PgType.ANY), JSONB, true, false, 's',
            (a, c) -> JsonValue.jsonb(buildObject(a, true, c, "jsonb_build_object"))));
        r.addFunction(new FunctionDef("jsonb_build_object", List.of(), JSONB, false, false, 's',
            (a, c) -> JsonValue.jsonb(Json.newJsonbObject())));
        r.addFunction(new FunctionDef("json_build_object", List.of(PgType.ANY), JSON, true, false, 's', (a, c) -> {
            StringBuilder sb = new StringBuilder("{");
            if (a.length % 2 != 0) {
                throw oddArguments("json_build_object");
            }
            for (int i = 0; i < a.length; i += 2) {
                if (i > 0) {
                    sb.append(", ");
                }
                Json.quote(sb, key(a, i, c));
                sb.append(" : ");
                Json.write(sb, toJson(a[i + 1], false, c), ", ", " : ");
            }
            return JsonValue.jsonTrusted(sb.append('}').toString());
        }));
        r.addFunction(new FunctionDef("json_build_object", List.of(), JSON, false, false, 's',
            (a, c) -> JsonValue.jsonTrusted("{}")));
        r.addFunction(new FunctionDef("jsonb_build_array", List.of(PgType.ANY), JSONB, true, false, 's', (a, c) -> {
            List<Object> list = new ArrayList<>();
            for (Value v : a) {
                list.add(toJson(v, true, c));
            }
            return JsonValue.jsonb(list);
        }));
        r.addFunction(new FunctionDef("jsonb_build_array", List.of(), JSONB, false, false, 's',
            (a, c) -> JsonValue.jsonb(new ArrayList<>())));
        r.addFunction(new FunctionDef("json_build_array", List.of(PgType.ANY), JSON, true, false, 's', (a, c) -> {
            List<Object> list = new ArrayList<>();
            for (Value v : a) {
                list.add(toJson(v, false, c));
            }
            StringBuilder sb = new StringBuilder();
            Json.write(sb, list, ", ", " : ");
            return JsonValue.jsonTrusted(sb.toString());
        }));
        r.addFunction(new FunctionDef("json_build_array", List.of(), JSON, false, false, 's',
            (a, c) -> JsonValue.jsonTrusted("[]")));
        r.addFunction(new FunctionDef("to_jsonb", List.of(PgType.ANY), JSONB, false, true, 's',
            (a, c) -> JsonValue.jsonb(toJson(a[0], true, c))));
        r.addFunction(new FunctionDef("row_to_json", List.of(PgType.ANY), JSON, false, true, 's',
            (a, c) -> rowToJson(a[0], false, c)));
        r.addFunction(new FunctionDef("row_to_json", List.of(PgType.ANY, PgType.BOOL), JSON, false, true, 's',
            (a, c) -> rowToJson(a[0], ((BoolValue) a[1]).value(), c)));
        r.addFunction(new FunctionDef("to_json", List.of(PgType.ANY), JSON, false, true, 's', (a, c) -> {
            StringBuilder sb = new StringBuilder();
            Json.write(sb, toJson(a[0], false, c), ",", ":");
            return JsonValue.jsonTrusted(sb.toString());
        }));
    }

    /** The path arguments 1.. of a *_extract_path call. */
    private static Object extract(Object tree, Value[] a) {
        Object v = tree;
        for (int i = 1; i < a.length && v != null; i++) {
            String key = text(a[i]);
            if (v instanceof Map<?, ?> m) {
                v = m.get(key);
            } else if (v instanceof List<?> l) {
                try {
                    v = element(l, Integer.parseInt(key.trim()));
                } catch (NumberFormatException e) {
                    return null;
                }
            } else {
                return null;
            }
        }
        return v;
    }

    /** jsonb_pretty: four spaces per level, empty containers open and close on two lines. */
    @SuppressWarnings("unchecked")
    private static void pretty(StringBuilder sb, Object v, int level) {
        if (v instanceof Map<?, ?> m) {
            sb.append("{\n");
            int i = 0;
            for (Map.Entry<String, Object> e : ((Map<String, Object>) m).entrySet()) {
                sb.append("    ".repeat(level + 1));
                Json.quote(sb, e.getKey());
                sb.append(": ");
                pretty(sb, e.getValue(), level + 1);
                sb.append(++i < m.size() ? ",\n" : "\n");
            }
            sb.append("    ".repeat(level)).append('}');
        } else if (v instanceof List<?> l) {
            sb.append("[\n");
            for (int i = 0; i < l.size(); i++) {
                sb.append("    ".repeat(level + 1));
                pretty(sb, l.get(i), level + 1);
                sb.append(i + 1 < l.size() ? ",\n" : "\n");
            }
            sb.append("    ".repeat(level)).append(']');
        } else {
            sb.append(Json.toJsonbText(v));
        }
    }

    @SuppressWarnings("unchecked")
    private static Object stripNulls(Object v) {
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> out = Json.newJsonbObject();
            for (Map.Entry<String, Object> e : ((Map<String, Object>) m).entrySet()) {
                if (e.getValue() != Json.NULL) {
                    out.put(e.getKey(), stripNulls(e.getValue()));
                }
            }
            return out;
        }
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            for (Object e : l) {
                out.add(stripNulls(e));
            }
            return out;
        }
        return v;
    }

    /** jsonb_set: replace (or, with create, add) the value at the path; a missing parent leaves the document unchanged. */
    @SuppressWarnings("unchecked")
    private static Object set(Object v, org.tuskdb.sql.internal.value.ArrayValue path, int depth, Object value, boolean create) {
        if (depth == path.length()) {
            return value;
        }
        Value step = path.get(depth);
        if (step == null) {
            throw DatabaseException.error(SqlState.NULL_VALUE_NOT_ALLOWED,
                "path element at position " + (depth + 1) + " is null");
        }
        String key = text(step);
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> out = Json.newJsonbObject();
            out.putAll((Map<String, Object>) m);
            Object child = m.get(key);
            if (child != null) {
                out.put(key, set(child, path, depth + 1, value, create));
            } else if (create && depth == path.length() - 1) {
                out.put(key, value);
            }
            return out;
        }
        if (v instanceof List<?> l) {
            int i = arrayStep(key, depth);
            List<Object> out = new ArrayList<>(l);
            int idx = i < 0 ? l.size() + i : i;
            if (idx >= 0 && idx < l.size()) {
                out.set(idx, set(l.get(idx), path, depth + 1, value, create));
            } else if (create && depth == path.length() - 1) {
                if (idx < 0) {
                    out.add(0, value);
                } else {
                    out.add(value);
                }
            }
            return out;
        }
        return v;
    }

    /** A path element that steps into an array: an integer (negative: from the end), else 22P02. */
    private static int arrayStep(String key, int depth) {
        try {
            return Integer.parseInt(key.trim());
        } catch (NumberFormatException e) {
            throw DatabaseException.error(SqlState.INVALID_TEXT_REPRESENTATION, "path element at position "
                + (depth + 1) + " is not an integer: \"" + key + "\"");
        }
    }

    /** jsonb #- path: the document without the value at the path; a path that leads nowhere changes nothing. */
    @SuppressWarnings("unchecked")
    private static Object deletePath(Object v, org.tuskdb.sql.internal.value.ArrayValue path, int depth) {
        Value step = path.get(depth);
        if (step == null) {
            throw DatabaseException.error(SqlState.NULL_VALUE_NOT_ALLOWED,
                "path element at position " + (depth + 1) + " is null");
        }
        String key = text(step);
        boolean last = depth == path.length() - 1;
        if (v instanceof Map<?, ?> m) {
            Object child = m.get(key);
            if (child == null) {
                return v;
            }
            Map<String, Object> out = Json.newJsonbObject();
            out.putAll((Map<String, Object>) m);
            if (last) {
                out.remove(key);
            } else {
                out.put(key, deletePath(child, path, depth + 1));
            }
            return out;
        }
        if (v instanceof List<?> l) {
            int i = arrayStep(key, depth);
            int idx = i < 0 ? l.size() + i : i;
            if (idx < 0 || idx >= l.size()) {
                return v;
            }
            List<Object> out = new ArrayList<>(l);
            if (last) {
                out.remove(idx);
            } else {
                out.set(idx, deletePath(l.get(idx), path, depth + 1));
            }
            return out;
        }
        return v;
    }

    private static Object tree(Value v) {
        return ((JsonValue) v).tree();
    }

    private static String text(Value v) {
        return ((TextValue) v).textValue();
    }

    private static Object field(Object tree, String key) {
        return tree instanceof Map<?, ?> m ? m.get(key) : null;
    }

    private static Object element(Object tree, int index) {
        if (!(tree instanceof List<?> l)) {
            return null;
        }
        int i = index < 0 ? l.size() + index : index;
        return i >= 0 && i < l.size() ? l.get(i) : null;
    }

    private static String jsonField(Value json, String key) {
        List<String[]> members = Json.members(json.toText(null));
        if (members == null || members.isEmpty() || members.get(0)[0] == null) {
            return null;
        }
        for (String[] m : members) {
            if (m[0].equals(key)) {
                return m[1];
            }
        }
        return null;
    }

    private static String jsonElement(Value json, int index) {
        String text = json.toText(null).trim();
        if (!text.startsWith("[")) {
            return null;
        }
        List<String[]> members = Json.members(text);
        int i = index < 0 ? members.size() + index : index;
        return i >= 0 && i < members.size() ? members.get(i)[1] : null;
    }

    /** ->> of jsonb: strings unquoted, JSON null as SQL NULL, anything else its text. */
    private static Value asText(Object v) {
        if (v == null || v == Json.NULL) {
            return null;
        }
        if (v instanceof String s) {
            return TextValue.text(s);
        }
        return TextValue.text(Json.toJsonbText(v));
    }

    private static Value rawAsText(String raw) {
        if (raw == null) {
            return null;
        }
        Object v = Json.parse(raw, false);
        if (v == Json.NULL) {
            return null;
        }
        return TextValue.text(v instanceof String s ? s : raw);
    }

    private static boolean exists(Object tree, String key) {
        if (tree instanceof Map<?, ?> m) {
            return m.containsKey(key);
        }
        if (tree instanceof List<?> l) {
            return l.contains(key);
        }
        return key.equals(tree);
    }

    @SuppressWarnings("unchecked")
    private static Object concat(Object a, Object b) {
        if (a instanceof Map<?, ?> ma && b instanceof Map<?, ?> mb) {
            Map<String, Object> out = Json.newJsonbObject();
            out.putAll((Map<String, Object>) ma);
            out.putAll((Map<String, Object>) mb);
            return out;
        }
        List<Object> out = new ArrayList<>();
        addAll(out, a);
        addAll(out, b);
        return out;
    }

    private static void addAll(List<Object> out, Object v) {
        if (v instanceof List<?> l) {
            out.addAll(l);
        } else {
            out.add(v);
        }
    }

    @SuppressWarnings("unchecked")
    private static Object deleteKey(Object tree, String key) {
        if (tree instanceof Map<?, ?> m) {
            Map<String, Object> out = Json.newJsonbObject();
            out.putAll((Map<String, Object>) m);
            out.remove(key);
            return out;
        }
        if (tree instanceof List<?> l) {
            List<Object> out = new ArrayList<>(l);
            out.removeIf(key::equals);
            return out;
        }
        throw DatabaseException.error(SqlState.INVALID_PARAMETER_VALUE, "cannot delete from scalar");
    }

    private static Object deleteIndex(Object tree, int index) {
        if (tree instanceof List<?> l) {
            List<Object> out = new ArrayList<>(l);
            int i = index < 0 ? l.size() + index : index;
            if (i >= 0 && i < out.size()) {
                out.remove(i);
            }
            return out;
        }
        if (tree instanceof Map) {
            throw DatabaseException.error(SqlState.INVALID_PARAMETER_VALUE, "cannot delete from object using integer index");
        }
        throw DatabaseException.error(SqlState.INVALID_PARAMETER_VALUE, "cannot delete from scalar");
    }

    private static int arrayLength(Object tree, boolean jsonb) {
        if (tree instanceof List<?> l) {
            return l.size();
        }
        if (jsonb && !(tree instanceof Map)) {
            throw DatabaseException.error(SqlState.INVALID_PARAMETER_VALUE, "cannot get array length of a scalar");
        }
        throw DatabaseException.error(SqlState.INVALID_PARAMETER_VALUE, "cannot get array length of a non-array");
    }

    private static DatabaseException oddArguments(String fn) {
        return DatabaseException.error(SqlState.INVALID_PARAMETER_VALUE, "argument list must have even number of elements")
            .withHint("The arguments of " + fn + "() must consist of alternating keys and values.");
    }

    private static String key(Value[] a, int i, EvalContext c) {
        if (a[i] == null) {
            throw DatabaseException.error(SqlState.INVALID_PARAMETER_VALUE, "argument " + (i + 1) + ": key must not be null");
        }
        return a[i] instanceof TextValue t ? t.textValue() : a[i].toText(c.style());
    }

    private static Object buildObject(Value[] a, boolean jsonb, EvalContext c, String fn) {
        if (a.length % 2 != 0) {
            throw oddArguments(fn);
        }
        Map<String, Object> out = Json.newJsonbObject();
        for (int i = 0; i < a.length; i += 2) {
            out.put(key(a, i, c), toJson(a[i + 1], jsonb, c));
        }
        return out;
    }

    /**
     * json_agg / jsonb_agg: each input (NULL as JSON null) converted as to_json / to_jsonb does,
     * into one array; an empty group gives NULL. json's text is PostgreSQL's "[1, 2]" (elements
     * separated by ", "), jsonb's the normalized array.
     */
    static AggregateFunction.Accumulator aggregator(boolean jsonb) {
        return new AggregateFunction.Accumulator() {
            private final List<Object> elements = new ArrayList<>();

            @Override
            public void add(Value[] args) {
                throw new IllegalStateException("json_agg needs the evaluation context");
            }

            /** Elements of a composite or array input: json's text puts each after the first on a new line. */
            private final java.util.BitSet structured = new java.util.BitSet();

            @Override
            public void add(Value[] args, EvalContext ctx) {
                if (args[0] instanceof org.tuskdb.sql.internal.value.RecordValue
                    || args[0] instanceof org.tuskdb.sql.internal.value.ArrayValue) {
                    structured.set(elements.size());
                }
                elements.add(toJson(args[0], jsonb, ctx));
            }

            @Override
            public Value result() {
                if (elements.isEmpty()) {
                    return null;
                }
                if (jsonb) {
                    return JsonValue.jsonb(List.copyOf(elements));
                }
                StringBuilder sb = new StringBuilder("[");
                for (int i = 0; i < elements.size(); i++) {
                    if (i > 0) {
                        sb.append(structured.get(i) ? ", \n " : ", ");
                    }
                    Json.write(sb, elements.get(i), ",", ":");
                }
                return JsonValue.jsonTrusted(sb.append(']').toString());
            }
        };
    }

    /**
     * json_object_agg / jsonb_object_agg: (key, value) pairs into one object, the key as text
     * (NULL: 22023 "field name must not be null"), the value as to_json / to_jsonb converts it
     * (NULL as JSON null); json keeps every pair in order as PostgreSQL's "{ "k" : v, ... }",
     * jsonb the normalized object (the last value of a key wins); an empty group gives NULL.
     */
    static AggregateFunction.Accumulator objectAggregator(boolean jsonb) {
        return new AggregateFunction.Accumulator() {
            private final Map<String, Object> object = jsonb ? Json.newJsonbObject() : null;
            private final StringBuilder text = jsonb ? null : new StringBuilder();
            private boolean any;

            @Override
            public void add(Value[] args) {
                throw new IllegalStateException("json_object_agg needs the evaluation context");
            }

            @Override
            public void add(Value[] args, EvalContext ctx) {
                if (args[0] == null) {
                    throw DatabaseException.error(SqlState.INVALID_PARAMETER_VALUE, "field name must not be null");
                }
                String key = args[0] instanceof TextValue t ? t.textValue() : args[0].toText(ctx.style());
                if (jsonb) {
                    object.put(key, toJson(args[1], true, ctx));
                } else {
                    text.append(any ? ", " : "{ ");
                    Json.quote(text, key);
                    text.append(" : ");
                    Json.write(text, toJson(args[1], false, ctx), ", ", " : ");
                }
                any = true;
            }

            @Override
            public Value result() {
                if (!any) {
                    return null;
                }
                return jsonb ? JsonValue.jsonb(object) : JsonValue.jsonTrusted(text + " }");
            }
        };
    }

    /**
     * row_to_json(record [, pretty]): the record as an object; pretty puts each top-level field
     * on its own line, as composite_to_json does. Only records are taken (42883 otherwise).
     */
    private static Value rowToJson(Value v, boolean pretty, EvalContext c) {
        if (!(v instanceof org.tuskdb.sql.internal.value.RecordValue)) {
            throw DatabaseException.error(SqlState.UNDEFINED_FUNCTION, "function row_to_json("
                + v.type().displayName() + ") does not exist");
        }
        return JsonValue.jsonTrusted(recordText(v, pretty, c));
    }

    /** composite_to_json: {"f1":1,"f2":"a"}, fields in order (pretty: one top-level field a line). */
    private static String recordText(Value v, boolean pretty, EvalContext c) {
        org.tuskdb.sql.internal.value.RecordValue r = (org.tuskdb.sql.internal.value.RecordValue) v;
        PgType t = r.type();
        StringBuilder sb = new StringBuilder("{");
        for (int i = 0; i < t.fieldCount(); i++) {
            if (i > 0) {
                sb.append(pretty ? ",\n " : ",");
            }
            Json.quote(sb, t.fieldName(i));
            sb.append(':');
            Json.write(sb, toJson(r.field(i), false, c), ",", ":");
        }
        return sb.append('}').toString();
    }

    /** array_to_json(a [, pretty]): the elements as to_json makes them; pretty puts a line break between them. */
    static Value arrayToJson(Value array, boolean pretty, EvalContext c) {
        org.tuskdb.sql.internal.value.ArrayValue a = (org.tuskdb.sql.internal.value.ArrayValue) array;
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < a.length(); i++) {
            if (i > 0) {
                sb.append(pretty ? ",\n " : ",");
            }
            Json.write(sb, toJson(a.get(i), false, c), ",", ":");
        }
        return JsonValue.jsonTrusted(sb.append(']').toString());
    }

    /** to_json's conversion of a SQL value into a tree (json: numbers and json kept as written). */
    static Object toJson(Value v, boolean jsonb, EvalContext c) {
        if (v == null) {
            return Json.NULL;
        }
        switch (v) {
            case BoolValue b -> {
                return b.value();
            }
            case IntegerValue i -> {
                return BigDecimal.valueOf(i.value());
            }
            case NumericValue n -> {
                return n.isFinite() ? n.value() : n.toText(c.style());
            }
            case FloatValue f -> {
                double d = f.value();
                if (Double.isNaN(d) || Double.isInfinite(d)) {
                    return f.toText(c.style());
                }
                String t = f.toText(c.style());
                return jsonb ? new BigDecimal(t) : new Json.RawJson(t);
            }
            case JsonValue j -> {
                if (j.isJsonb()) {
                    // inside json a jsonb keeps its own text form ({"k": 1}), as jsonb_out prints it
                    return jsonb ? j.tree() : new Json.RawJson(j.toText(c.style()));
                }
                return jsonb ? Json.parse(j.toText(c.style()), true) : new Json.RawJson(j.toText(c.style()));
            }
            case TextValue t -> {
                return t.textValue();
            }
            case org.tuskdb.sql.internal.value.RecordValue r -> {
                // a composite becomes an object of its fields: jsonb's key order, or json's compact text
                if (!jsonb) {
                    return new Json.RawJson(recordText(r, false, c));
                }
                PgType t = r.type();
                Map<String, Object> object = Json.newJsonbObject();
                for (int i = 0; i < t.fieldCount(); i++) {
                    object.put(t.fieldName(i), toJson(r.field(i), true, c));
                }
                return object;
            }
            case org.tuskdb.sql.internal.value.ArrayValue a -> {
                List<Object> list = new ArrayList<>();
                for (Value e : a.elements()) {
                    list.add(toJson(e, jsonb, c));
                }
                if (jsonb) {
                    return list;
                }
                // inside json an array keeps array_to_json's compact text, whatever the enclosing separators
                StringBuilder sb = new StringBuilder();
                Json.write(sb, list, ",", ":");
                return new Json.RawJson(sb.toString());
            }
            case DateValue d -> {
                return d.toText(c.style());
            }
            case TimestampValue ts -> {
                String t = ts.toText(c.style());
                if (!ts.isFinite()) {
                    return t;
                }
                t = t.replaceFirst(" ", "T");
                if (ts.hasZone()) {
                    // ISO 8601 offsets: +00 becomes +00:00
                    int sign = Math.max(t.lastIndexOf('+'), t.lastIndexOf('-'));
                    if (sign > 10 && t.length() - sign == 3) {
                        t = t + ":00";
                    }
                }
                return t;
            }
            default -> {
                return v.toText(c.style());
            }
        }
    }
}
