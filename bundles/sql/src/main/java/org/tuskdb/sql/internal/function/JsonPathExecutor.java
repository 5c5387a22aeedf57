package org.tuskdb.sql.internal.function;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.tuskdb.api.DatabaseException;
import org.tuskdb.api.SqlState;
import org.tuskdb.sql.internal.value.Json;
import org.tuskdb.sql.internal.value.JsonPath;
import org.tuskdb.sql.internal.value.JsonPath.Kind;
import org.tuskdb.sql.internal.value.JsonPath.Node;
import org.tuskdb.sql.internal.value.NumericMath;
import org.tuskdb.sql.internal.value.PgType;
import org.tuskdb.sql.internal.value.TextValue;
import org.tuskdb.sql.internal.value.TypeInput;

/**
 * Evaluates a jsonpath over a jsonb tree the way PostgreSQL 15's jsonpath_exec does: lax mode
 * unwraps arrays for accessors, filters and methods, wraps non-arrays for subscripts and ignores
 * structural errors; strict mode reports them. Predicates are three-valued (an error inside
 * one makes it unknown); comparisons are existential over both operand sequences.
 *
 * <p>Errors that the {@code silent} argument suppresses are thrown as {@link PathError}; those
 * it does not (a missing variable, a vars argument that is not an object) as plain
 * DatabaseExceptions. Evaluation appends to an {@link Out}, so a silenced error leaves what was
 * found before it, as PostgreSQL's result list does.
 *
 * <p>.keyvalue()'s "id" is PostgreSQL's: the byte offset of the object inside its base jsonb
 * document's binary form, plus 10^10 times the base's number (0 the target, 1 the vars document,
 * then one per object .keyvalue() made); {@link #offsets} lays the document out as jsonb's
 * convertToJsonb would. Not supported: .datetime() (0A000).
 */
final class JsonPathExecutor {
    private static final int FALSE = 0, TRUE = 1, UNKNOWN = 2;
    private static final long ID_STEP = 10_000_000_000L;

    /** A jsonpath error that {@code silent => true} suppresses. */
    static final class PathError extends RuntimeException {
        final transient DatabaseException error;

        PathError(String sqlState, String message) {
            super(message, null, false, false);
            this.error = DatabaseException.error(sqlState, message);
        }

        PathError(DatabaseException e) {
            super(e.getMessage(), null, false, false);
            this.error = e;
        }
    }

    /** Where results go; stopAtFirst ends the evaluation at the first one (lax EXISTS). */
    static final class Out {
        final List<Object> items = new ArrayList<>();
        final boolean stopAtFirst;

        Out(boolean stopAtFirst) {
            this.stopAtFirst = stopAtFirst;
        }

        void add(Object v) {
            items.add(v);
            if (stopAtFirst) {
                throw new Stop(this);
            }
        }
    }

    private static final class Stop extends RuntimeException {
        final transient Out out;

        Stop(Out out) {
            super(null, null, false, false);
            this.out = out;
        }
    }

    private final JsonPath path;
    private final boolean lax;
    private final Object root;
    private final Map<String, Object> vars;
    private boolean ignoreStructuralErrors;
    private Object current;
    private int innermostArraySize = -1;
    private Object baseDocument;
    private long baseId;
    private long lastGeneratedId;
    private final IdentityHashMap<Object, IdentityHashMap<Object, Integer>> layouts = new IdentityHashMap<>();

    /**
     * @param vars the vars argument's tree, or null for the operators (which have none; it
     *             changes where .keyvalue() ids of generated objects start, as in PostgreSQL)
     */
    @SuppressWarnings("unchecked")
    JsonPathExecutor(JsonPath path, Object root, Object vars) {
        if (vars != null && !(vars instanceof Map)) {
            throw DatabaseException.error(SqlState.INVALID_PARAMETER_VALUE, "\"vars\" argument is not an object")
                .withDetail("Jsonpath parameters should be encoded as key-value pairs of \"vars\" object.");
        }
        this.path = path;
        this.lax = path.lax();
        this.root = root;
        this.vars = vars == null ? Map.of() : (Map<String, Object>) vars;
        this.ignoreStructuralErrors = lax;
        this.current = root;
        this.baseDocument = root;
        this.baseId = 0;
        this.lastGeneratedId = vars == null ? 1 : 2;
    }

    /** Runs the path; a suppressible error is thrown as PathError after out got what came before it. */
    void run(Out out) {
        try {
            exec(path.root(), root, out, lax);
        } catch (Stop s) {
            if (s.out != out) {
                throw s;
            }
        }
    }

    /** jsonb_path_exists: in lax mode the first item ends it; strict mode evaluates everything to see errors. */
    boolean exists() {
        Out out = new Out(lax);
        run(out);
        return !out.items.isEmpty();
    }

    // ---- items ----------------------------------------------------------------------------------

    private void next(Node n, Object v, Out out) {
        if (n.next == null) {
            out.add(v);
        } else {
            exec(n.next, v, out, lax);
        }
    }

    private void unwrapArray(Node n, List<?> array, Out out) {
        for (Object e : array) {
            exec(n, e, out, false);
        }
    }

    private void exec(Node n, Object jb, Out out, boolean unwrap) {
        switch (n.kind) {
            case AND, OR, NOT, IS_UNKNOWN, EXISTS, EQUAL, NOT_EQUAL, LESS, GREATER, LESS_OR_EQUAL, GREATER_OR_EQUAL,
                 STARTS_WITH, LIKE_REGEX -> {
                int r = bool(n, jb);
                next(n, r == UNKNOWN ? Json.NULL : Boolean.valueOf(r == TRUE), out);
            }
            case ADD, SUB, MUL, DIV, MOD -> binaryArithmetic(n, jb, out);
            case PLUS, MINUS -> {
                for (Object v : execUnwrapResult(n.left, jb)) {
                    if (!(v instanceof BigDecimal d)) {
                        throw new PathError("2203B", "operand of unary jsonpath operator "
                            + JsonPath.operatorName(n.kind) + " is not a numeric value");
                    }
                    next(n, n.kind == Kind.MINUS ? d.negate() : d, out);
                }
            }
            case ANY_ARRAY -> {
                if (jb instanceof List<?> a) {
                    for (Object e : a) {
                        next(n, e, out);
                    }
                } else if (!ignoreStructuralErrors) {
                    throw new PathError("22039", "jsonpath wildcard array accessor can only be applied to an array");
                } else {
                    next(n, jb, out);
                }
            }
            case INDEX_ARRAY -> indexArray(n, jb, out);
            case LAST -> {
                if (innermostArraySize < 0) {
                    throw DatabaseException.error(SqlState.INTERNAL_ERROR, "evaluating jsonpath LAST outside of array subscript");
                }
                next(n, BigDecimal.valueOf(innermostArraySize - 1L), out);
            }
            case ANY_KEY -> {
                if (jb instanceof Map<?, ?> m) {
                    for (Object v : m.values()) {
                        next(n, v, out);
                    }
                } else if (unwrap && jb instanceof List<?> a) {
                    unwrapArray(n, a, out);
                } else if (!ignoreStructuralErrors) {
                    throw new PathError("2203C", "jsonpath wildcard member accessor can only be applied to an object");
                }
            }
            case ANY -> {
                if (n.first == 0) {
                    boolean saved = ignoreStructuralErrors;
                    ignoreStructuralErrors = true;
                    try {
                        next(n, jb, out);
                    } finally {
                        ignoreStructuralErrors = saved;
                    }
                }
                if (isContainer(jb)) {
                    anyItem(n.next, jb, out, 1, n.first, n.last, true, lax);
                }
            }
            case KEY -> {
                if (jb instanceof Map<?, ?> m) {
                    Object v = m.get(n.text);
                    if (v != null) {
                        next(n, v, out);
                    } else if (!ignoreStructuralErrors) {
                        throw new PathError("2203A", "JSON object does not contain key \"" + n.text + "\"");
                    }
                } else if (unwrap && jb instanceof List<?> a) {
                    unwrapArray(n, a, out);
                } else if (!ignoreStructuralErrors) {
                    throw new PathError("2203A", "jsonpath member accessor can only be applied to an object");
                }
            }
            case CURRENT -> next(n, current, out);
            case ROOT -> withBase(root, 0, () -> next(n, root, out));
            case VARIABLE -> {
                Object v = vars.get(n.text);
                if (v == null) {
                    throw DatabaseException.error(SqlState.UNDEFINED_OBJECT,
                        "could not find jsonpath variable \"" + n.text + "\"");
                }
                // the base of a variable's objects is the whole vars document, as in PostgreSQL
                withBase(vars, 1, () -> next(n, v, out));
            }
            case NULL -> next(n, Json.NULL, out);
            case BOOL -> next(n, n.bool, out);
            case NUMERIC -> next(n, n.number, out);
            case STRING -> next(n, n.text, out);
            case FILTER -> {
                if (unwrap && jb instanceof List<?> a) {
                    unwrapArray(n, a, out);
                    return;
                }
                if (nestedBool(n.left, jb) == TRUE) {
                    next(n, jb, out);
                }
            }
            case METHOD -> method(n, jb, out, unwrap);
            case DATETIME -> throw DatabaseException.error(SqlState.FEATURE_NOT_SUPPORTED,
                "jsonpath item method .datetime() is not supported");
        }
    }

    private void withBase(Object document, long id, Runnable r) {
        Object savedDocument = baseDocument;
        long savedId = baseId;
        baseDocument = document;
        baseId = id;
        try {
            r.run();
        } finally {
            baseDocument = savedDocument;
            baseId = savedId;
        }
    }

    private static boolean isContainer(Object v) {
        return v instanceof List || v instanceof Map;
    }

    private static Iterable<?> children(Object container) {
        return container instanceof Map<?, ?> m ? m.values() : (List<?>) container;
    }

    /** .** below the top: every value at the levels asked for, each before its descendants. */
    private void anyItem(Node next, Object container, Out out, long level, long first, long last,
                         boolean ignoreStructural, boolean unwrapNext) {
        if (level > last) {
            return;
        }
        for (Object v : children(container)) {
            if (level >= first || (first == JsonPath.LAST_LEVEL && last == JsonPath.LAST_LEVEL && !isContainer(v))) {
                if (next == null) {
                    out.add(v);
                } else {
                    boolean saved = ignoreStructuralErrors;
                    if (ignoreStructural) {
                        ignoreStructuralErrors = true;
                    }
                    try {
                        exec(next, v, out, unwrapNext);
                    } finally {
                        ignoreStructuralErrors = saved;
                    }
                }
            }
            if (level < last && isContainer(v)) {
                anyItem(next, v, out, level + 1, first, last, ignoreStructural, unwrapNext);
            }
        }
    }

    private void indexArray(Node n, Object jb, Out out) {
        if (!(jb instanceof List) && !lax) {
            throw new PathError("22039", "jsonpath array accessor can only be applied to an array");
        }
        List<?> array = jb instanceof List<?> a ? a : null;
        int size = array != null ? array.size() : 1;
        int saved = innermostArraySize;
        innermostArraySize = size;
        try {
            for (Node[] s : n.subscripts) {
                int from = arrayIndex(s[0], jb);
                int to = s[1] == null ? from : arrayIndex(s[1], jb);
                if (!ignoreStructuralErrors && (from < 0 || from > to || to >= size)) {
                    throw new PathError("22033", "jsonpath array subscript is out of bounds");
                }
                from = Math.max(from, 0);
                to = Math.min(to, size - 1);
                for (int i = from; i <= to; i++) {
                    next(n, array != null ? array.get(i) : jb, out);
                }
            }
        } finally {
            innermostArraySize = saved;
        }
    }

    private int arrayIndex(Node sub, Object jb) {
        Out found = new Out(false);
        exec(sub, jb, found, lax);
        if (found.items.size() != 1 || !(found.items.get(0) instanceof BigDecimal d)) {
            throw new PathError("22033", "jsonpath array subscript is not a single numeric value");
        }
        BigDecimal t = d.setScale(0, RoundingMode.DOWN);
        if (t.compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) > 0
            || t.compareTo(BigDecimal.valueOf(Integer.MIN_VALUE)) < 0) {
            throw new PathError("22033", "jsonpath array subscript is out of integer range");
        }
        return t.intValue();
    }

    /** An item's results, arrays among them unwrapped one level in lax mode (operands of arithmetic and predicates). */
    private List<Object> execUnwrapResult(Node n, Object jb) {
        Out seq = new Out(false);
        exec(n, jb, seq, lax);
        if (!lax) {
            return seq.items;
        }
        List<Object> flat = new ArrayList<>(seq.items.size());
        for (Object v : seq.items) {
            if (v instanceof List<?> a) {
                flat.addAll(a);
            } else {
                flat.add(v);
            }
        }
        return flat;
    }

    private void binaryArithmetic(Node n, Object jb, Out out) {
        List<Object> l = execUnwrapResult(n.left, jb);
        if (l.size() != 1 || !(l.get(0) instanceof BigDecimal a)) {
            throw new PathError("22038", "left operand of jsonpath operator " + JsonPath.operatorName(n.kind)
                + " is not a single numeric value");
        }
        List<Object> r = execUnwrapResult(n.right, jb);
        if (r.size() != 1 || !(r.get(0) instanceof BigDecimal b)) {
            throw new PathError("22038", "right operand of jsonpath operator " + JsonPath.operatorName(n.kind)
                + " is not a single numeric value");
        }
        BigDecimal v;
        try {
            v = switch (n.kind) {
                case ADD -> a.add(b);
                case SUB -> a.subtract(b);
                case MUL -> a.multiply(b);
                case DIV -> NumericMath.divide(a, b);
                default -> NumericMath.modulo(a, b);
            };
        } catch (DatabaseException e) {
            throw new PathError(e);
        }
        next(n, v, out);
    }

    // ---- methods --------------------------------------------------------------------------------

    private void method(Node n, Object jb, Out out, boolean unwrap) {
        String m = n.text;
        switch (m) {
            case "type" -> next(n, Json.typeOf(jb), out);
            case "size" -> {
                if (jb instanceof List<?> a) {
                    next(n, BigDecimal.valueOf(a.size()), out);
                } else if (lax) {
                    next(n, BigDecimal.ONE, out);
                } else if (!ignoreStructuralErrors) {
                    throw new PathError("22039", "jsonpath item method .size() can only be applied to an array");
                }
            }
            case "abs", "floor", "ceiling" -> {
                if (unwrap && jb instanceof List<?> a) {
                    unwrapArray(n, a, out);
                    return;
                }
                if (!(jb instanceof BigDecimal d)) {
                    throw new PathError("22036", "jsonpath item method ." + m + "() can only be applied to a numeric value");
                }
                next(n, switch (m) {
                    case "abs" -> d.abs();
                    case "floor" -> d.setScale(0, RoundingMode.FLOOR);
                    default -> d.setScale(0, RoundingMode.CEILING);
                }, out);
            }
            case "double" -> {
                if (unwrap && jb instanceof List<?> a) {
                    unwrapArray(n, a, out);
                    return;
                }
                if (jb instanceof BigDecimal d) {
                    double x = d.doubleValue();
                    if (Double.isInfinite(x)) {
                        throw new PathError("22036", "numeric argument of jsonpath item method .double() is out of range "
                            + "for type double precision");
                    }
                    next(n, d, out);
                } else if (jb instanceof String s) {
                    double x;
                    try {
                        x = TypeInput.parseFloat(PgType.FLOAT8, s);
                    } catch (DatabaseException e) {
                        x = Double.NaN;
                    }
                    if (Double.isNaN(x) || Double.isInfinite(x)) {
                        throw new PathError("22036", "string argument of jsonpath item method .double() is not a valid "
                            + "representation of a double precision number");
                    }
                    next(n, NumericMath.fromDouble(x, false), out);
                } else {
                    throw new PathError("22036",
                        "jsonpath item method .double() can only be applied to a string or numeric value");
                }
            }
            case "keyvalue" -> {
                if (unwrap && jb instanceof List<?> a) {
                    unwrapArray(n, a, out);
                    return;
                }
                if (!(jb instanceof Map<?, ?> object)) {
                    throw new PathError("2203C", "jsonpath item method .keyvalue() can only be applied to an object");
                }
                Integer offset = offsets(baseDocument).get(jb);
                long id = baseId * ID_STEP + (offset == null ? 0 : offset);
                for (Map.Entry<?, ?> e : object.entrySet()) {
                    Map<String, Object> pair = Json.newJsonbObject();
                    pair.put("key", e.getKey());
                    pair.put("value", e.getValue());
                    pair.put("id", BigDecimal.valueOf(id));
                    withBase(pair, lastGeneratedId++, () -> next(n, pair, out));
                }
            }
            default -> throw new IllegalStateException("jsonpath method " + m);
        }
    }

    // ---- predicates -----------------------------------------------------------------------------

    private int nestedBool(Node pred, Object jb) {
        Object saved = current;
        current = jb;
        try {
            return bool(pred, jb);
        } finally {
            current = saved;
        }
    }

    private int bool(Node n, Object jb) {
        switch (n.kind) {
            case AND -> {
                int l = bool(n.left, jb);
                if (l == FALSE) {
                    return FALSE;
                }
                int r = bool(n.right, jb);
                return r == TRUE ? l : r;
            }
            case OR -> {
                int l = bool(n.left, jb);
                if (l == TRUE) {
                    return TRUE;
                }
                int r = bool(n.right, jb);
                return r == FALSE ? l : r;
            }
            case NOT -> {
                int a = bool(n.left, jb);
                return a == UNKNOWN ? UNKNOWN : a == TRUE ? FALSE : TRUE;
            }
            case IS_UNKNOWN -> {
                return bool(n.left, jb) == UNKNOWN ? TRUE : FALSE;
            }
            case EXISTS -> {
                Out found = new Out(lax);
                try {
                    exec(n.left, jb, found, lax);
                } catch (Stop s) {
                    if (s.out != found) {
                        throw s;
                    }
                } catch (PathError e) {
                    return UNKNOWN;
                }
                return found.items.isEmpty() ? FALSE : TRUE;
            }
            case EQUAL, NOT_EQUAL, LESS, GREATER, LESS_OR_EQUAL, GREATER_OR_EQUAL -> {
                return predicate(n, n.left, n.right, jb, true);
            }
            case STARTS_WITH -> {
                return predicate(n, n.left, n.right, jb, false);
            }
            case LIKE_REGEX -> {
                return predicate(n, n.left, null, jb, false);
            }
            default -> throw new IllegalStateException("not a jsonpath predicate: " + n.kind);
        }
    }

    private int predicate(Node pred, Node left, Node right, Object jb, boolean unwrapRight) {
        List<Object> l;
        List<Object> r;
        try {
            l = execUnwrapResult(left, jb);
            if (right == null) {
                r = null;
            } else if (unwrapRight) {
                r = execUnwrapResult(right, jb);
            } else {
                Out o = new Out(false);
                exec(right, jb, o, lax);
                r = o.items;
            }
        } catch (PathError e) {
            return UNKNOWN;
        }
        boolean error = false;
        boolean found = false;
        for (Object lv : l) {
            int count = r == null ? 1 : r.size();
            for (int i = 0; i < count; i++) {
                int res = apply(pred, lv, r == null ? null : r.get(i));
                if (res == UNKNOWN) {
                    if (!lax) {
                        return UNKNOWN;
                    }
                    error = true;
                } else if (res == TRUE) {
                    if (lax) {
                        return TRUE;
                    }
                    found = true;
                }
            }
        }
        return found ? TRUE : error ? UNKNOWN : FALSE;
    }

    private static int apply(Node pred, Object l, Object r) {
        switch (pred.kind) {
            case STARTS_WITH -> {
                if (!(l instanceof String whole) || !(r instanceof String initial)) {
                    return UNKNOWN;
                }
                return whole.startsWith(initial) ? TRUE : FALSE;
            }
            case LIKE_REGEX -> {
                if (!(l instanceof String s)) {
                    return UNKNOWN;
                }
                return pred.pattern.matcher(s).find() ? TRUE : FALSE;
            }
            default -> {
                return compare(pred.kind, l, r);
            }
        }
    }

    private static int compare(Kind op, Object a, Object b) {
        int cmp;
        boolean nullA = a == Json.NULL;
        boolean nullB = b == Json.NULL;
        if (nullA || nullB) {
            if (nullA && nullB) {
                cmp = 0;
            } else {
                // null against a non-null: only != holds
                return op == Kind.NOT_EQUAL ? TRUE : FALSE;
            }
        } else if (a instanceof Boolean x && b instanceof Boolean y) {
            cmp = x.equals(y) ? 0 : x ? 1 : -1;
        } else if (a instanceof BigDecimal x && b instanceof BigDecimal y) {
            cmp = x.compareTo(y);
        } else if (a instanceof String x && b instanceof String y) {
            if (op == Kind.EQUAL) {
                return x.equals(y) ? TRUE : FALSE;
            }
            cmp = TextValue.compareCodePoints(x, y);
        } else {
            // different kinds, or containers: not comparable
            return UNKNOWN;
        }
        boolean r = switch (op) {
            case EQUAL -> cmp == 0;
            case NOT_EQUAL -> cmp != 0;
            case LESS -> cmp < 0;
            case GREATER -> cmp > 0;
            case LESS_OR_EQUAL -> cmp <= 0;
            default -> cmp >= 0;
        };
        return r ? TRUE : FALSE;
    }

    // ---- jsonb's binary layout, for .keyvalue() ids ---------------------------------------------

    /** Each container of the document with its byte offset from the document's own container. */
    private IdentityHashMap<Object, Integer> offsets(Object document) {
        IdentityHashMap<Object, Integer> m = layouts.get(document);
        if (m == null) {
            m = new IdentityHashMap<>();
            if (isContainer(document)) {
                layout(document, 0, m);
            }
            layouts.put(document, m);
        }
        return m;
    }

    private static int align(int pos) {
        return (pos + 3) & ~3;
    }

    /** Lays out a container at pos (aligned first), recording it; returns the end. */
    private static int layout(Object container, int pos, IdentityHashMap<Object, Integer> m) {
        pos = align(pos);
        m.putIfAbsent(container, pos);
        if (container instanceof List<?> a) {
            pos += 4 + 4 * a.size();
            for (Object e : a) {
                pos = value(e, pos, m);
            }
        } else {
            Map<?, ?> o = (Map<?, ?>) container;
            pos += 4 + 8 * o.size();
            for (Object k : o.keySet()) {
                pos += ((String) k).getBytes(StandardCharsets.UTF_8).length;
            }
            for (Object v : o.values()) {
                pos = value(v, pos, m);
            }
        }
        return pos;
    }

    private static int value(Object v, int pos, IdentityHashMap<Object, Integer> m) {
        if (v instanceof String s) {
            return pos + s.getBytes(StandardCharsets.UTF_8).length;
        }
        if (v instanceof BigDecimal d) {
            return align(pos) + numericSize(d);
        }
        if (isContainer(v)) {
            return layout(v, pos, m);
        }
        return pos; // null and booleans live in their JEntry
    }

    /** The size of numeric_in's result: 4-byte varlena header, short or long header, base-10000 digits. */
    static int numericSize(BigDecimal v) {
        BigDecimal a = v.abs();
        int scale = Math.max(a.scale(), 0);
        a = a.setScale(scale, RoundingMode.UNNECESSARY);
        String digits = a.unscaledValue().toString();
        int intLen = digits.length() - scale;
        String ip = intLen > 0 ? digits.substring(0, intLen) : "";
        String fp = intLen > 0 ? digits.substring(intLen) : "0".repeat(-intLen) + digits;
        int ig = (ip.length() + 3) / 4;
        int fg = (fp.length() + 3) / 4;
        String all = "0".repeat(ig * 4 - ip.length()) + ip + fp + "0".repeat(fg * 4 - fp.length());
        int n = ig + fg;
        int firstNonZero = 0;
        while (firstNonZero < n && all.substring(firstNonZero * 4, firstNonZero * 4 + 4).equals("0000")) {
            firstNonZero++;
        }
        int ndigits = 0;
        int weight = 0;
        if (firstNonZero < n) {
            int lastNonZero = n - 1;
            while (all.substring(lastNonZero * 4, lastNonZero * 4 + 4).equals("0000")) {
                lastNonZero--;
            }
            ndigits = lastNonZero - firstNonZero + 1;
            weight = ig - 1 - firstNonZero;
        }
        boolean shortForm = scale <= 63 && weight >= -64 && weight <= 63;
        return 4 + (shortForm ? 2 : 4) + 2 * ndigits;
    }
}
