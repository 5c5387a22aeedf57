package org.tuskdb.sql.internal.function;

import static org.tuskdb.sql.internal.value.PgType.BOOL;
import static org.tuskdb.sql.internal.value.PgType.INT4;
import static org.tuskdb.sql.internal.value.PgType.TEXT;

import java.util.ArrayList;
import java.util.List;
import org.tuskdb.sql.internal.value.ArrayValue;
import org.tuskdb.sql.internal.value.BoolValue;
import org.tuskdb.sql.internal.value.IntegerValue;
import org.tuskdb.sql.internal.value.PgType;
import org.tuskdb.sql.internal.value.TextValue;
import org.tuskdb.sql.internal.value.Value;

/**
 * Array operators and functions. PostgreSQL declares them once over anyarray / anyelement;
 * here each array type gets its own overloads (the resolver has no polymorphic types yet),
 * which resolves the same calls: = < ... , @> <@ &&, || (array-array; array || element and element || array
 * are array_append / array_prepend, chosen by the analyzer), array_length, array_lower, array_upper, array_ndims, array_dims,
 * cardinality, array_append, array_prepend, array_cat, array_position, array_remove,
 * array_to_string; and string_to_array.
 */
final class ArrayFunctions {
    private ArrayFunctions() {}

    static void register(FunctionRegistry r) {
        for (PgType a : PgType.ARRAYS) {
            registerFor(r, a);
        }
        r.addFunction(new FunctionDef("string_to_array", List.of(TEXT, TEXT), PgType.TEXT_ARRAY, false, false, 'i',
            (x, c) -> x[0] == null ? null : split(text(x[0]), x[1] == null ? null : text(x[1]), null)));
        r.addFunction(new FunctionDef("string_to_array", List.of(TEXT, TEXT, TEXT), PgType.TEXT_ARRAY, false, false, 'i',
            (x, c) -> x[0] == null ? null
                : split(text(x[0]), x[1] == null ? null : text(x[1]), x[2] == null ? null : text(x[2]))));
    }

    /** The operators and functions of one array type (a built-in one, or a user type's: see FunctionRegistry#ofArrayType). */
    static void registerFor(FunctionRegistry r, PgType a) {
        PgType e = a.elementType();
        if (e != PgType.JSON) {
            r.comparisons(a);
            r.op("@>", a, a, BOOL, (x, y) -> BoolValue.of(contains(arr(x), arr(y))));
            r.op("<@", a, a, BOOL, (x, y) -> BoolValue.of(contains(arr(y), arr(x))));
            r.op("&&", a, a, BOOL, (x, y) -> BoolValue.of(overlaps(arr(x), arr(y))));
            r.fn("array_position", INT4, List.of(a, e), (x, c) -> position(arr(x[0]), x[1]));
            r.fn("array_remove", a, List.of(a, e), (x, c) -> remove(arr(x[0]), x[1]));
        }
        r.addOperator(new FunctionDef("||", List.of(a, a), a, false, false, 'i', (x, c) -> cat(a, x[0], x[1])));
        r.addFunction(new FunctionDef("array_to_json", List.of(a), PgType.JSON, false, true, 's',
            (x, c) -> JsonFunctions.arrayToJson(x[0], false, c)));
        r.addFunction(new FunctionDef("array_to_json", List.of(a, BOOL), PgType.JSON, false, true, 's',
            (x, c) -> JsonFunctions.arrayToJson(x[0], ((BoolValue) x[1]).value(), c)));
        r.addFunction(new FunctionDef("array_cat", List.of(a, a), a, false, false, 'i', (x, c) -> cat(a, x[0], x[1])));
        r.addFunction(new FunctionDef("array_append", List.of(a, e), a, false, false, 'i',
            (x, c) -> append(a, x[0], x[1])));
        r.addFunction(new FunctionDef("array_prepend", List.of(e, a), a, false, false, 'i',
            (x, c) -> prepend(a, x[0], x[1])));
        r.fn("array_length", INT4, List.of(a, INT4), (x, c) -> dimension(arr(x[0]), x[1], arr(x[0]).length()));
        r.fn("array_upper", INT4, List.of(a, INT4), (x, c) -> dimension(arr(x[0]), x[1], arr(x[0]).length()));
        r.fn("array_lower", INT4, List.of(a, INT4), (x, c) -> dimension(arr(x[0]), x[1], 1));
        r.fn("array_ndims", INT4, List.of(a), (x, c) -> arr(x[0]).length() == 0 ? null : IntegerValue.int4(1));
        r.fn("array_dims", TEXT, List.of(a), (x, c) -> arr(x[0]).length() == 0 ? null
            : TextValue.text("[1:" + arr(x[0]).length() + "]"));
        r.fn("cardinality", INT4, List.of(a), (x, c) -> IntegerValue.int4(arr(x[0]).length()));
        r.fn("array_to_string", TEXT, List.of(a, TEXT), 's', (x, c) -> toText(arr(x[0]), text(x[1]), null, c));
        r.addFunction(new FunctionDef("array_to_string", List.of(a, TEXT, TEXT), TEXT, false, false, 's',
            (x, c) -> x[0] == null || x[1] == null ? null
                : toText(arr(x[0]), text(x[1]), x[2] == null ? null : text(x[2]), c)));
    }

    private static ArrayValue arr(Value v) {
        return (ArrayValue) v;
    }

    private static String text(Value v) {
        return ((TextValue) v).textValue();
    }

    private static Value dimension(ArrayValue a, Value dim, int value) {
        return a.length() == 0 || ((IntegerValue) dim).value() != 1 ? null : IntegerValue.int4(value);
    }

    private static boolean has(ArrayValue a, Value v) {
        for (Value e : a.elements()) {
            if (e != null && e.compareTo(v) == 0) {
                return true;
            }
        }
        return false;
    }

    /** array_contain: every non-... element of b is in a (NULL elements never match). */
    private static boolean contains(ArrayValue a, ArrayValue b) {
        for (Value v : b.elements()) {
            if (v == null || !has(a, v)) {
                return false;
            }
        }
        return true;
    }

    private static boolean overlaps(ArrayValue a, ArrayValue b) {
        for (Value v : b.elements()) {
            if (v != null && has(a, v)) {
                return true;
            }
        }
        return false;
    }

    private static Value position(ArrayValue a, Value v) {
        for (int i = 0; i < a.length(); i++) {
            if (a.get(i) != null && a.get(i).compareTo(v) == 0) {
                return IntegerValue.int4(i + 1);
            }
        }
        return null;
    }

    private static Value remove(ArrayValue a, Value v) {
        List<Value> out = new ArrayList<>();
        for (Value e : a.elements()) {
            if (e == null || e.compareTo(v) != 0) {
                out.add(e);
            }
        }
        return new ArrayValue(a.type(), out.toArray(new Value[0]));
    }

    private static Value cat(PgType type, Value x, Value y) {
        if (x == null) {
            return y;
        }
        if (y == null) {
            return x;
        }
        Value[] a = arr(x).elements();
        Value[] b = arr(y).elements();
        Value[] out = new Value[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return new ArrayValue(type, out);
    }

    private static Value append(PgType type, Value x, Value e) {
        Value[] a = x == null ? new Value[0] : arr(x).elements();
        Value[] out = java.util.Arrays.copyOf(a, a.length + 1);
        out[a.length] = e;
        return new ArrayValue(type, out);
    }

    private static Value prepend(PgType type, Value e, Value x) {
        Value[] a = x == null ? new Value[0] : arr(x).elements();
        Value[] out = new Value[a.length + 1];
        out[0] = e;
        System.arraycopy(a, 0, out, 1, a.length);
        return new ArrayValue(type, out);
    }

    private static Value toText(ArrayValue a, String delimiter, String nullString,
                                org.tuskdb.sql.internal.expr.EvalContext c) {
        StringBuilder sb = new StringBuilder();
        boolean first = true;
        for (Value e : a.elements()) {
            if (e == null && nullString == null) {
                continue;
            }
            if (!first) {
                sb.append(delimiter);
            }
            first = false;
            sb.append(e == null ? nullString : e instanceof TextValue t ? t.textValue() : e.toText(c.style()));
        }
        return TextValue.text(sb.toString());
    }

    /** string_to_array: a NULL delimiter splits into characters, an empty one gives the whole string. */
    private static Value split(String s, String delimiter, String nullString) {
        List<Value> out = new ArrayList<>();
        if (!s.isEmpty()) {
            if (delimiter == null) {
                s.codePoints().forEach(cp -> out.add(TextValue.text(new String(Character.toChars(cp)))));
            } else if (delimiter.isEmpty()) {
                out.add(TextValue.text(s));
            } else {
                int start = 0;
                while (true) {
                    int i = s.indexOf(delimiter, start);
                    String part = i < 0 ? s.substring(start) : s.substring(start, i);
                    out.add(part.equals(nullString) ? null : TextValue.text(part));
                    if (i < 0) {
                        break;
                    }
                    start = i + delimiter.length();
                }
            }
        }
        if (delimiter == null && nullString != null) {
            out.replaceAll(v -> v != null && ((TextValue) v).value().equals(nullString) ? null : v);
        }
        return new ArrayValue(PgType.TEXT_ARRAY, out.toArray(new Value[0]));
    }
}
