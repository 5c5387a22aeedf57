package org.tuskdb.sql.internal.session;

import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tuskdb.api.DatabaseException;
import org.tuskdb.sql.internal.analyze.ParamTypes;
import org.tuskdb.sql.internal.ast.Expr;
import org.tuskdb.sql.internal.ast.Statement;
import org.tuskdb.sql.internal.parser.Parser;
import org.tuskdb.sql.internal.parser.StatementShape;
import org.tuskdb.sql.internal.value.IntegerValue;
import org.tuskdb.sql.internal.value.NumericValue;
import org.tuskdb.sql.internal.value.PgType;
import org.tuskdb.sql.internal.value.SessionStyle;
import org.tuskdb.sql.internal.value.TypeInput;
import org.tuskdb.sql.internal.value.Value;

/**
 * The session's cache of simple-Query statements by their literal-normalized tokens
 * ({@link StatementShape}): a statement that differs from an earlier one only in its literal
 * values runs the earlier one's analyzed statement and {@link CachedPlanSource} (custom plans,
 * then the generic plan when it is not dearer) with its literals as parameter values. Parse,
 * analysis and (with the generic plan) planning are skipped; the scanner still runs.
 *
 * <p>Life of a shape: the first time it is only noted ({@link Seen}, with the result columns
 * the statement had); the second time the statement is parsed again with its literals as $n
 * parameters and that parse checked against the real one ({@link #check}): the same tree but
 * for each parameter standing where its literal stood, as the same kind of constant, and not
 * where a constant means something else (ORDER BY / GROUP BY / DISTINCT ON ordinals, LIMIT,
 * OFFSET, FETCH, window frame offsets). It is analyzed with the number literals' parameters
 * declared int4 / int8 / numeric and the strings' left unknown; a string's parameter must take
 * a type from its context (not the text a lone unknown defaults to), and one of the types whose
 * input does not depend on the context (not interval, whose qualifier changes what input means,
 * nor the reg* types, looked up in the catalog). A literal that fails any of this is kept as a
 * literal (its text then must match too) and the statement tried again; the result columns
 * must equal the first time's. What cannot be made a {@link Cached} entry is {@link Refused}.
 *
 * <p>Rules: entries are made at a relation cache generation and dropped when it moves (DDL
 * anywhere, search_path); binding a literal that its type does not accept (22P02, overflow)
 * leaves the statement to the ordinary path, which reports it as before (nothing ran yet);
 * an error with a position during a cached run points into the statement that ran
 * ({@link #remap}). At most {@link #CAPACITY} shapes, least recently used first out; emptied by
 * DISCARD ALL / PLANS. Used by the session's thread only.
 */
final class SimpleStatementCache {
    static final int CAPACITY = 64;
    /** How many literals may be kept before a shape is refused (each costs a parse and an analysis). */
    private static final int MAX_RETRIES = 4;

    sealed interface Entry permits Seen, Cached, Refused {}

    /** Seen once, run the ordinary way; its result columns (null: none). */
    record Seen(List<org.tuskdb.sql.internal.analyze.ResultColumn> columns) implements Entry {}

    /** Cannot be cached (at this relation cache generation). */
    record Refused(int generation) implements Entry {}

    /**
     * A statement analyzed with parameters for its literals.
     *
     * @param kept the literals that stayed literals (their texts must match)
     * @param keptTexts their texts, by literal index (null where not kept)
     * @param statement analyzed, with its CachedPlanSource
     * @param sql the text it was made from; starts: its normalized token offsets
     */
    record Cached(boolean[] kept, String[] keptTexts, PreparedStatement statement, String sql, int[] starts,
                  Sizes sizes, boolean customOnly) implements Entry {}

    /**
     * The heap sizes (pages) of the tables the entry's plans were costed with, looked at again
     * every {@link #SIZE_CHECK_INTERVAL} runs: a table that grew or shrank by more than a tenth
     * (and a page) drops the entry, so that its next plans are made for the table as it is now
     * (the ordinary path plans every statement; without ANALYZE nothing else would tell the
     * cached generic plan — a sequential scan chosen while a table was small stays forever).
     */
    static final class Sizes {
        private org.tuskdb.sql.internal.catalog.TableDescriptor[] tables = new org.tuskdb.sql.internal.catalog.TableDescriptor[2];
        private long[] pages = new long[2];
        private int count;
        private boolean recording;
        private int untilCheck = SIZE_CHECK_INTERVAL;

        /** This, ready to note the sizes of a planning (the notes of the last planning replace older ones). */
        Sizes recording() {
            recording = true;
            return this;
        }

        void add(org.tuskdb.sql.internal.catalog.TableDescriptor t, long n) {
            if (recording) {
                recording = false;
                count = 0;
            }
            for (int i = 0; i < count; i++) {
                if (tables[i].oid() == t.oid()) {
                    return;
                }
            }
            if (count == tables.length) {
                tables = java.util.Arrays.copyOf(tables, count * 2);
                pages = java.util.Arrays.copyOf(pages, count * 2);
            }
            tables[count] = t;
            pages[count++] = n;
        }

        boolean due() {
            if (--untilCheck > 0) {
                return false;
            }
            untilCheck = SIZE_CHECK_INTERVAL;
            return true;
        }

        boolean changed(java.util.function.ToLongFunction<org.tuskdb.sql.internal.catalog.TableDescriptor> heapPages) {
            for (int i = 0; i < count; i++) {
                long now = heapPages.applyAsLong(tables[i]);
                if (Math.abs(now - pages[i]) > Math.max(1, pages[i] / 10)) {
                    return true;
                }
            }
            return false;
        }
    }

    static final int SIZE_CHECK_INTERVAL = 64;

    private final LinkedHashMap<String, Entry> entries = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, SimpleStatementCache.Entry> eldest) {
            return size() > CAPACITY;
        }
    };
    long hits;
    long builds;

    Entry get(StatementShape shape) {
        return entries.get(shape.key());
    }

    /** A cached entry this statement can run (its kept literals equal), else null. */
    Cached lookup(StatementShape shape) {
        if (!(entries.get(shape.key()) instanceof Cached c)) {
            return null;
        }
        for (int i = 0; i < c.kept.length; i++) {
            if (c.kept[i] && !c.keptTexts[i].equals(shape.text(i))) {
                return null;
            }
        }
        return c;
    }

    void put(StatementShape shape, Entry e) {
        entries.put(shape.key(), e);
    }

    void remove(StatementShape shape) {
        entries.remove(shape.key());
    }

    void clear() {
        entries.clear();
    }

    int size() {
        return entries.size();
    }

    /** The session's analysis of a parameterized statement (cached form, not planned). */
    interface Analysis {
        PreparedStatement analyze(Statement raw, ParamTypes params);
    }

    /**
     * The second sighting: the entry for the shape, or a {@link Refused} one.
     *
     * @param raw the statement as parsed with its literals
     * @param seen the first sighting's result columns
     */
    Entry build(StatementShape shape, String sql, Statement raw, Seen seen, int generation, Analysis analysis) {
        builds++;
        int literals = shape.literals();
        boolean[] kept = new boolean[literals];
        for (int attempt = 0; attempt <= MAX_RETRIES; attempt++) {
            int blame = -1;
            int[] literalOf = new int[literals];
            int params = 0;
            for (int i = 0; i < literals; i++) {
                if (!kept[i]) {
                    literalOf[params++] = i;
                }
            }
            Statement parameterized;
            try {
                List<Parser.Parsed> parsed = Parser.parseTokens(sql, shape.parameterized(kept));
                parameterized = parsed.size() == 1 ? parsed.get(0).statement() : null;
            } catch (RuntimeException e) {
                parameterized = null;
                blame = e instanceof DatabaseException d ? literalAtPosition(shape, sql, d.position()) : -1;
            }
            if (parameterized != null) {
                Check check = new Check(shape, literalOf);
                if (!check.same(raw, parameterized, false)) {
                    blame = check.blame;
                } else {
                    int[] declared = new int[params];
                    for (int p = 0; p < params; p++) {
                        declared[p] = switch (shape.kind(literalOf[p])) {
                            case INT4 -> PgType.INT4.oid();
                            case INT8 -> PgType.INT8.oid();
                            case NUMERIC -> PgType.NUMERIC.oid();
                            case STRING -> 0;
                        };
                    }
                    ParamTypes types = ParamTypes.variable(declared);
                    PreparedStatement ps;
                    try {
                        ps = analysis.analyze(parameterized, types);
                    } catch (RuntimeException e) {
                        ps = null;
                        blame = e instanceof DatabaseException d ? literalAtPosition(shape, sql, d.position()) : -1;
                    }
                    if (ps != null && ps.source() == null) {
                        return new Refused(generation);
                    }
                    if (ps != null) {
                        blame = unfitParameter(shape, literalOf, ps.parameterTypes(), types);
                        if (blame < 0) {
                            if (!java.util.Objects.equals(ps.columns(), seen.columns())) {
                                return new Refused(generation);
                            }
                            String[] keptTexts = new String[literals];
                            for (int i = 0; i < literals; i++) {
                                keptTexts[i] = kept[i] ? shape.text(i) : null;
                            }
                            return new Cached(kept, keptTexts, ps, sql, shape.tokenStarts(), new Sizes(),
                                (constantOperands(parameterized) & FOUND) != 0);
                        }
                    }
                }
            }
            if (blame < 0) {
                return new Refused(generation);
            }
            kept[blame] = true;
        }
        return new Refused(generation);
    }

    private static final int PARAM = 1;
    private static final int NOT_CONSTANT = 2;
    private static final int FOUND = 4;

    /**
     * Whether an operator, function, cast or other expression has only parameters and literals
     * under it ({@code 1 / 0}, {@code 2147483647 + 1}, {@code CAST(1.5 AS int)}): the ordinary
     * path folds it when planning, so its errors come even when no row is read; a generic plan
     * would compute it per row. Such entries are planned with their values each time (custom
     * plans, never the generic one). Returns PARAM / NOT_CONSTANT / FOUND bits.
     */
    static int constantOperands(Object node) {
        if (node instanceof Expr.Param) {
            return PARAM;
        }
        if (node instanceof Expr.ColumnRef || node instanceof Expr.SubLink || node instanceof Expr.Star
            || node instanceof Expr.SqlValueFunction || node instanceof Expr.SetToDefault) {
            return NOT_CONSTANT;
        }
        int bits = 0;
        if (node instanceof List<?> l) {
            for (Object o : l) {
                bits |= constantOperands(o);
            }
            return bits;
        }
        if (!(node instanceof Record)) {
            return 0;
        }
        for (RecordComponent rc : node.getClass().getRecordComponents()) {
            try {
                bits |= constantOperands(rc.getAccessor().invoke(node));
            } catch (ReflectiveOperationException e) {
                return FOUND;
            }
        }
        if (node instanceof Expr && !(node instanceof Expr.Literal) && (bits & (PARAM | NOT_CONSTANT)) == PARAM) {
            bits |= FOUND;
        }
        return bits;
    }

    /** The literal whose parameter stands at a 1-based character position of an error, or -1. */
    private static int literalAtPosition(StatementShape shape, String sql, int position) {
        if (position <= 0) {
            return -1;
        }
        int offset;
        try {
            offset = sql.offsetByCodePoints(0, position - 1);
        } catch (IndexOutOfBoundsException e) {
            return -1;
        }
        return shape.literalAt(offset);
    }

    /** The first parameter whose type is not what its literal would have been, as its literal's index; else -1. */
    private static int unfitParameter(StatementShape shape, int[] literalOf, PgType[] types, ParamTypes params) {
        for (int p = 0; p < types.length; p++) {
            int literal = literalOf[p];
            boolean fits = switch (shape.kind(literal)) {
                case INT4 -> types[p] == PgType.INT4;
                case INT8 -> types[p] == PgType.INT8;
                case NUMERIC -> types[p] == PgType.NUMERIC;
                case STRING -> !params.defaulted(p) && contextFree(types[p]);
            };
            if (!fits) {
                return literal;
            }
        }
        return -1;
    }

    /** A type whose input reads a string the same whatever the context wants of it (its typmod applied after). */
    private static boolean contextFree(PgType t) {
        PgType base = t.isArray() ? t.elementType() : t;
        return base == PgType.TEXT || base == PgType.VARCHAR || base == PgType.BPCHAR || base == PgType.NAME
            || base == PgType.CHAR || base == PgType.INT2 || base == PgType.INT4 || base == PgType.INT8
            || base == PgType.NUMERIC || base == PgType.FLOAT4 || base == PgType.FLOAT8 || base == PgType.BOOL
            || base == PgType.DATE || base == PgType.TIME || base == PgType.TIMETZ || base == PgType.TIMESTAMP
            || base == PgType.TIMESTAMPTZ || base == PgType.UUID || base == PgType.BYTEA || base == PgType.JSON
            || base == PgType.JSONB || base == PgType.OID;
    }

    /**
     * The statement's literals as its parameters' values, or null when one is not valid input
     * of its type (the ordinary path then reports the error where the literal is).
     */
    static Value[] bind(Cached c, StatementShape shape, SessionStyle style) {
        PgType[] types = c.statement.parameterTypes();
        Value[] values = new Value[types.length];
        int p = 0;
        try {
            for (int i = 0; i < c.kept.length; i++) {
                if (c.kept[i]) {
                    continue;
                }
                String text = shape.text(i);
                values[p] = switch (shape.kind(i)) {
                    case INT4 -> IntegerValue.int4(Long.parseLong(text));
                    case INT8 -> IntegerValue.int8(Long.parseLong(text));
                    case NUMERIC -> NumericValue.of(isInteger(text) ? new BigDecimal(text) : TypeInput.parseNumeric(text));
                    case STRING -> TypeInput.parse(types[p], -1, text, style);
                };
                p++;
            }
        } catch (RuntimeException e) {
            return null;
        }
        return values;
    }

    private static boolean isInteger(String text) {
        for (int i = text.startsWith("-") ? 1 : 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (ch < '0' || ch > '9') {
                return false;
            }
        }
        return true;
    }

    /**
     * An error of a cached run whose position points into the statement the entry was made
     * from: the same place in the statement that ran (the shapes have the same tokens, only
     * literals differ in length).
     */
    static DatabaseException remap(DatabaseException e, Cached c, StatementShape shape, String sql) {
        if (e.position() <= 0 || c.sql.equals(sql)) {
            return e;
        }
        int offset;
        try {
            offset = c.sql.offsetByCodePoints(0, e.position() - 1);
        } catch (IndexOutOfBoundsException ex) {
            return e;
        }
        int[] from = c.starts;
        int[] to = shape.tokenStarts();
        int j = 0;
        while (j + 1 < from.length && from[j + 1] <= offset) {
            j++;
        }
        if (j >= to.length) {
            return e;
        }
        int mapped = Math.min(to[j] + (offset - from[j]), sql.length());
        return e.withPosition(sql.codePointCount(0, mapped) + 1);
    }

    /**
     * Compares the parse with literals to the parse with parameters: equal records but where a
     * parameter of ours stands for its literal (same place, same kind, same text), and not in a
     * place where a constant is read as something else. {@link #blame} names the literal at fault.
     */
    private static final class Check {
        private final StatementShape shape;
        private final int[] literalOf;
        int blame = -1;

        Check(StatementShape shape, int[] literalOf) {
            this.shape = shape;
            this.literalOf = literalOf;
        }

        /** @param constantPlace a constant here is not a value (an ordinal, a LIMIT) */
        boolean same(Object a, Object b, boolean constantPlace) {
            if (b instanceof Expr.Param p) {
                int literal = p.number() >= 1 && p.number() <= literalOf.length ? literalOf[p.number() - 1] : -1;
                if (literal < 0) {
                    return false;
                }
                if (constantPlace || !(a instanceof Expr.Literal lit) || lit.location() != p.location()
                    || lit.location() != shape.start(literal) || !lit.text().equals(shape.text(literal))
                    || (lit.kind() == Expr.LiteralKind.STRING) != (shape.kind(literal) == StatementShape.LiteralKind.STRING)) {
                    blame = literal;
                    return false;
                }
                return true;
            }
            if (a == null || b == null || a.getClass() != b.getClass()) {
                return a == b;
            }
            if (a instanceof List<?> la) {
                return sameElements(la, (List<?>) b, constantPlace);
            }
            if (!(a instanceof Record)) {
                return a.equals(b);
            }
            for (RecordComponent rc : a.getClass().getRecordComponents()) {
                Object x;
                Object y;
                try {
                    x = rc.getAccessor().invoke(a);
                    y = rc.getAccessor().invoke(b);
                } catch (ReflectiveOperationException e) {
                    return false;
                }
                if (!same(x, y, constantPlace || constantPlace(a, rc.getName(), y))) {
                    return false;
                }
            }
            return true;
        }

        private boolean sameElements(List<?> la, List<?> lb, boolean constantPlace) {
            boolean same = la.size() == lb.size();
            for (int i = 0; same && i < la.size(); i++) {
                same = same(la.get(i), lb.get(i), constantPlace);
            }
            return same;
        }

        /** Where the analyzer reads a constant as an ordinal or a count, not as a value. */
        private static boolean constantPlace(Object owner, String component, Object value) {
            return switch (owner) {
                case Statement.Select s -> switch (component) {
                    case "limit", "offset" -> true;
                    case "groupBy", "distinctOn" -> directConstants(value);
                    default -> false;
                };
                case Statement.SortBy s -> component.equals("expr") && value instanceof Expr.Param;
                case Expr.GroupingSet g -> component.equals("items") && directConstants(value);
                case org.tuskdb.sql.internal.ast.WindowFrame.Bound<?> b -> component.equals("offset");
                default -> false;
            };
        }

        /** A list with a parameter directly in it (an ordinal's place). */
        private static boolean directConstants(Object list) {
            if (list instanceof List<?> l) {
                for (Object o : l) {
                    if (o instanceof Expr.Param) {
                        return true;
                    }
                }
            }
            return false;
        }
    }
}
