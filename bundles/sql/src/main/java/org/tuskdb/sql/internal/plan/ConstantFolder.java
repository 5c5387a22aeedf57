package org.tuskdb.sql.internal.plan;

import java.util.ArrayList;
import java.util.List;
import org.tuskdb.api.DatabaseException;
import org.tuskdb.api.shmem.ProcInfo;
import org.tuskdb.sql.internal.expr.ArrayExpr;
import org.tuskdb.sql.internal.expr.BoolExpr;
import org.tuskdb.sql.internal.expr.BooleanTest;
import org.tuskdb.sql.internal.expr.CaseExpr;
import org.tuskdb.sql.internal.expr.CaseTest;
import org.tuskdb.sql.internal.expr.CastExpr;
import org.tuskdb.sql.internal.expr.CoalesceExpr;
import org.tuskdb.sql.internal.expr.Const;
import org.tuskdb.sql.internal.expr.DistinctExpr;
import org.tuskdb.sql.internal.expr.EvalContext;
import org.tuskdb.sql.internal.expr.Expression;
import org.tuskdb.sql.internal.expr.FieldSelectExpr;
import org.tuskdb.sql.internal.expr.FuncExpr;
import org.tuskdb.sql.internal.expr.MinMaxExpr;
import org.tuskdb.sql.internal.expr.NullIfExpr;
import org.tuskdb.sql.internal.expr.NullTest;
import org.tuskdb.sql.internal.expr.ParamRef;
import org.tuskdb.sql.internal.expr.ScalarArrayOpExpr;
import org.tuskdb.sql.internal.expr.SubscriptExpr;
import org.tuskdb.sql.internal.function.FunctionDef;
import org.tuskdb.sql.internal.function.FunctionRegistry;
import org.tuskdb.sql.internal.storage.StorageContext;
import org.tuskdb.sql.internal.value.BoolValue;
import org.tuskdb.sql.internal.value.PgType;
import org.tuskdb.sql.internal.value.SessionStyle;
import org.tuskdb.sql.internal.value.Value;

/**
 * PostgreSQL's eval_const_expressions: a typed expression tree with its constant parts computed
 * once, when planning. Immutable functions and operators whose arguments are all constants are
 * called now (a strict one with a constant NULL argument is NULL whatever its volatility); AND /
 * OR drop constant TRUE / FALSE inputs and are decided by a deciding one (the inputs after it are
 * not looked at, so {@code false AND 1/0 = 1} is false but {@code 1/0 = 1 AND false} fails, as in
 * PostgreSQL); NOT is pushed into its argument (negator operators, De Morgan, IS [NOT] NULL);
 * CASE drops alternatives whose condition is constant FALSE or NULL without folding their result
 * and ends at a constant TRUE one; COALESCE drops NULL constants and ends at the first non-NULL
 * one; casts, IS [NOT] NULL, IS [NOT] TRUE / FALSE / UNKNOWN, IS DISTINCT FROM, NULLIF, GREATEST /
 * LEAST, ANY / ALL, ARRAY[...], subscripts and field selection of constants are constants.
 *
 * <p>Stable functions (now(), anything reading the session's settings or the catalog) and
 * volatile ones are never folded, so a stored plan stays right. Parameters stay parameters in a
 * generic plan; a custom plan's folder is given their values and folds them as constants. Errors
 * raised while folding (22012 for {@code 1 / 0}) are the statement's, at plan time.
 *
 * <p>A folder returns the expression itself when nothing in it changes (no allocation on the hot
 * path of a point query). It is used by one planning at a time (the simple CASE operand it
 * substitutes is its only state).
 */
public final class ConstantFolder {
    private static final Value[] NO_ROW = new Value[0];

    private final Value[] params;
    private final FunctionRegistry functions;
    private final FoldContext context;
    /** The constant operand of the simple CASE whose WHEN conditions are being folded, else null. */
    private Const caseValue;

    /**
     * @param style the session's output style (casts to text of floats read extra_float_digits)
     * @param params a custom plan's parameter values (folded as constants), null for a generic plan
     * @param functions the operators NOT looks its negators up in; null: NOT stays NOT
     */
    public ConstantFolder(SessionStyle style, Value[] params, FunctionRegistry functions) {
        this.params = params;
        this.functions = functions;
        this.context = new FoldContext(style == null ? SessionStyle.utc() : style, params);
    }

    /** A generic folder without negators, for plans made without a session (views, tests). */
    public static ConstantFolder generic() {
        return new ConstantFolder(null, null, null);
    }

    /** Whether parameters are folded as their values (a custom plan). */
    public boolean custom() {
        return params != null;
    }

    public static boolean isTrue(Expression e) {
        return e instanceof Const c && c.value() instanceof BoolValue b && b.value();
    }

    /** A constant FALSE or NULL: a qual that lets no row through. */
    public static boolean isFalseOrNull(Expression e) {
        return e instanceof Const c && (c.value() == null || c.value() instanceof BoolValue b && !b.value());
    }

    public Expression[] fold(Expression[] es) {
        if (es == null) {
            return null;
        }
        Expression[] out = es;
        for (int i = 0; i < es.length; i++) {
            Expression f = fold(es[i]);
            if (f != es[i]) {
                if (out == es) {
                    out = es.clone();
                }
                out[i] = f;
            }
        }
        return out;
    }

    public List<Expression> fold(List<Expression> es) {
        List<Expression> out = null;
        for (int i = 0; i < es.size(); i++) {
            Expression e = es.get(i);
            Expression f = fold(e);
            if (f != e && out == null) {
                out = new ArrayList<>(es.subList(0, i));
            }
            if (out != null) {
                out.add(f);
            }
        }
        return out == null ? es : out;
    }

    public Expression fold(Expression e) {
        return switch (e) {
            case null -> null;
            case Const c -> c;
            case ParamRef p -> params == null ? p : new Const(params[p.index()], p.type(), -1);
            case CaseTest t -> caseValue != null ? caseValue : t;
            case FuncExpr f -> function(f);
            case BoolExpr b -> b.op() == BoolExpr.Op.NOT ? negate(fold(b.args()[0])) : andOr(b);
            case CastExpr c -> cast(c);
            case CaseExpr c -> caseExpr(c);
            case CoalesceExpr c -> coalesce(c);
            case NullTest n -> {
                Expression a = fold(n.arg());
                yield a instanceof Const ? evaluate(new NullTest(a, n.negated()))
                    : a == n.arg() ? n : new NullTest(a, n.negated());
            }
            case BooleanTest t -> {
                Expression a = fold(t.arg());
                yield a instanceof Const ? evaluate(new BooleanTest(a, t.expected(), t.negated()))
                    : a == t.arg() ? t : new BooleanTest(a, t.expected(), t.negated());
            }
            case DistinctExpr d -> {
                Expression l = fold(d.left());
                Expression r = fold(d.right());
                DistinctExpr n = l == d.left() && r == d.right() ? d : new DistinctExpr(d.equalsOperator(), l, r, d.negated());
                yield l instanceof Const && r instanceof Const && immutable(d.equalsOperator()) ? evaluate(n) : n;
            }
            case NullIfExpr d -> {
                Expression l = fold(d.left());
                Expression r = fold(d.right());
                NullIfExpr n = l == d.left() && r == d.right() ? d : new NullIfExpr(d.equalsOperator(), l, r);
                yield l instanceof Const && r instanceof Const && immutable(d.equalsOperator()) ? evaluate(n) : n;
            }
            case MinMaxExpr m -> {
                Expression[] args = fold(m.args());
                MinMaxExpr n = args == m.args() ? m : new MinMaxExpr(args, m.greatest(), m.type());
                yield allConstant(args) ? evaluate(n) : n;
            }
            case ScalarArrayOpExpr s -> {
                Expression l = fold(s.left());
                Expression a = fold(s.array());
                ScalarArrayOpExpr n = l == s.left() && a == s.array() ? s : new ScalarArrayOpExpr(s.op(), l, a, s.all());
                yield l instanceof Const && a instanceof Const && immutable(s.op()) ? evaluate(n) : n;
            }
            case ArrayExpr a -> {
                Expression[] elements = fold(a.elements());
                ArrayExpr n = elements == a.elements() ? a : new ArrayExpr(a.type(), elements);
                yield allConstant(elements) ? evaluate(n) : n;
            }
            case SubscriptExpr s -> {
                Expression a = fold(s.array());
                Expression lo = fold(s.lower());
                Expression hi = fold(s.upper());
                SubscriptExpr n = a == s.array() && lo == s.lower() && hi == s.upper() ? s
                    : new SubscriptExpr(a, lo, hi, s.slice());
                yield a instanceof Const && (lo == null || lo instanceof Const) && (hi == null || hi instanceof Const)
                    ? evaluate(n) : n;
            }
            case FieldSelectExpr f -> {
                Expression a = fold(f.arg());
                FieldSelectExpr n = a == f.arg() ? f : new FieldSelectExpr(a, f.field(), f.type());
                yield a instanceof Const ? evaluate(n) : n;
            }
            // columns, outer references, subplans, window / SRF slots, regclass lookups: as they are
            default -> e;
        };
    }

    // ---- the node kinds -------------------------------------------------------------------

    /** simplify_function: a strict call with a NULL constant is NULL; an immutable one of constants is computed. */
    private Expression function(FuncExpr f) {
        Expression[] args = fold(f.args());
        FunctionDef def = f.function();
        boolean allConst = true;
        for (Expression a : args) {
            if (a instanceof Const c) {
                if (c.value() == null && def.strict()) {
                    return new Const(null, f.type(), f.typmod());
                }
            } else {
                allConst = false;
            }
        }
        FuncExpr n = args == f.args() ? f : new FuncExpr(def, args);
        return allConst && (immutable(def) || immutableConcat(def, args)) && def.returnType() != PgType.VOID
            ? evaluate(n) : n;
    }

    private static boolean immutable(FunctionDef def) {
        return def.volatility() == 'i';
    }

    /**
     * {@code text || anynonarray} is stable (the other side's output function might be), but
     * PostgreSQL inlines it to {@code text || x::text}, whose cast folds when it is immutable.
     */
    private static boolean immutableConcat(FunctionDef def, Expression[] args) {
        if (!def.name().equals("||") || !def.argTypes().contains(PgType.ANYNONARRAY)) {
            return false;
        }
        for (Expression a : args) {
            if (!immutableCast(a.type(), PgType.TEXT)) {
                return false;
            }
        }
        return true;
    }

    /**
     * canonicalize_qual's rules for a WHERE / ON qual (where NULL is as good as FALSE), applied
     * to a folded qual: constant FALSE or NULL inputs of an OR are dropped, and an AND with such
     * an input is FALSE; nested ANDs and ORs are treated alike.
     */
    public static Expression canonicalizeQual(Expression e) {
        if (!(e instanceof BoolExpr b) || b.op() == BoolExpr.Op.NOT) {
            return e;
        }
        boolean or = b.op() == BoolExpr.Op.OR;
        List<Expression> out = null;
        for (int i = 0; i < b.args().length; i++) {
            Expression a = b.args()[i];
            Expression c = canonicalizeQual(a);
            boolean drop = false;
            if (c instanceof Const k) {
                boolean falseOrNull = k.value() == null || !((BoolValue) k.value()).value();
                if (or && !falseOrNull) {
                    return c; // TRUE decides the OR
                }
                if (!or && falseOrNull) {
                    return new Const(BoolValue.FALSE, PgType.BOOL, -1);
                }
                drop = true; // FALSE / NULL in an OR, TRUE in an AND
            }
            if ((drop || c != a) && out == null) {
                out = new ArrayList<>(List.of(b.args()).subList(0, i));
            }
            if (out != null && !drop) {
                out.add(c);
            }
        }
        if (out == null) {
            return b;
        }
        if (out.isEmpty()) {
            return new Const(BoolValue.of(!or), PgType.BOOL, -1);
        }
        return out.size() == 1 ? out.get(0) : new BoolExpr(b.op(), out.toArray(new Expression[0]));
    }

    /** simplify_and_arguments / simplify_or_arguments, nested ones flattened. */
    private Expression andOr(BoolExpr b) {
        boolean or = b.op() == BoolExpr.Op.OR;
        List<Expression> out = new ArrayList<>(b.args().length);
        boolean[] sawNull = {false};
        if (collect(b, or, out, sawNull)) {
            return new Const(BoolValue.of(or), PgType.BOOL, -1);
        }
        if (out.isEmpty()) {
            return new Const(sawNull[0] ? null : BoolValue.of(!or), PgType.BOOL, -1);
        }
        if (sawNull[0]) {
            out.add(new Const(null, PgType.BOOL, -1));
        }
        if (out.size() == 1) {
            return out.get(0);
        }
        if (out.size() == b.args().length) {
            boolean same = true;
            for (int i = 0; i < out.size() && same; i++) {
                same = out.get(i) == b.args()[i];
            }
            if (same) {
                return b;
            }
        }
        return new BoolExpr(b.op(), out.toArray(new Expression[0]));
    }

    /**
     * Folds the arguments (those of nested ANDs in an AND, ORs in an OR, too) into {@code out},
     * dropping the constants that decide nothing; true at a deciding constant (TRUE for OR,
     * FALSE for AND), where it stops: the arguments after it are not folded.
     */
    private boolean collect(BoolExpr b, boolean or, List<Expression> out, boolean[] sawNull) {
        for (Expression arg : b.args()) {
            if (arg instanceof BoolExpr inner && inner.op() == b.op()) {
                if (collect(inner, or, out, sawNull)) {
                    return true;
                }
                continue;
            }
            Expression f = fold(arg);
            if (f instanceof BoolExpr inner && inner.op() == b.op()) {
                out.addAll(List.of(inner.args())); // already folded
                continue;
            }
            if (f instanceof Const c) {
                if (c.value() == null) {
                    sawNull[0] = true;
                } else if (((BoolValue) c.value()).value() == or) {
                    return true;
                }
                continue;
            }
            out.add(f);
        }
        return false;
    }

    /** negate_clause over an already folded argument. */
    private Expression negate(Expression a) {
        switch (a) {
            case Const c -> {
                return new Const(c.value() == null ? null : BoolValue.of(!((BoolValue) c.value()).value()), PgType.BOOL, -1);
            }
            case FuncExpr f when f.args().length == 2 && negator(f.function()) != null -> {
                return new FuncExpr(negator(f.function()), f.args());
            }
            case ScalarArrayOpExpr s when negator(s.op()) != null -> {
                return new ScalarArrayOpExpr(negator(s.op()), s.left(), s.array(), !s.all());
            }
            case BoolExpr b when b.op() == BoolExpr.Op.NOT -> {
                return b.args()[0];
            }
            case BoolExpr b -> {
                Expression[] args = new Expression[b.args().length];
                for (int i = 0; i < args.length; i++) {
                    args[i] = negate(b.args()[i]);
                }
                return new BoolExpr(b.op() == BoolExpr.Op.AND ? BoolExpr.Op.OR : BoolExpr.Op.AND, args);
            }
            case NullTest n when !n.arg().type().isRecord() && !"record".equals(n.arg().type().name()) -> {
                return new NullTest(n.arg(), !n.negated());
            }
            case BooleanTest t -> {
                return new BooleanTest(t.arg(), t.expected(), !t.negated());
            }
            default -> {
                return new BoolExpr(BoolExpr.Op.NOT, new Expression[] {a});
            }
        }
    }

    /** The operator's negator (pg_operator.oprnegate) with the same argument types, or null. */
    private FunctionDef negator(FunctionDef op) {
        if (functions == null || op.argTypes().size() != 2) {
            return null;
        }
        String name = switch (op.name()) {
            case "=" -> "<>";
            case "<>" -> "=";
            case "<" -> ">=";
            case ">=" -> "<";
            case ">" -> "<=";
            case "<=" -> ">";
            case "~~" -> "!~~";
            case "!~~" -> "~~";
            case "~~*" -> "!~~*";
            case "!~~*" -> "~~*";
            case "~" -> "!~";
            case "!~" -> "~";
            case "~*" -> "!~*";
            case "!~*" -> "~*";
            default -> null;
        };
        if (name == null) {
            return null;
        }
        for (FunctionDef d : functions.operators(name, 2)) {
            if (d.argTypes().equals(op.argTypes()) && d.returnType() == PgType.BOOL) {
                return d;
            }
        }
        return null;
    }

    private Expression cast(CastExpr c) {
        Expression a = fold(c.arg());
        CastExpr n = a == c.arg() ? c : new CastExpr(a, c.type(), c.typmod(), c.explicit());
        if (a instanceof Const k) {
            if (k.value() == null) {
                return new Const(null, c.type(), c.typmod());
            }
            // a literal whose date/time input the analyzer left to run time (it reads the session's
            // DateStyle / TimeZone): PostgreSQL reads literals when it parses, so here it is read now
            boolean literal = k.location() >= 0 && k.type() == PgType.TEXT;
            if (literal || immutableCast(k.type(), c.type())) {
                return evaluate(n);
            }
        }
        return n;
    }

    /**
     * Whether the cast's functions are immutable in PostgreSQL: the date/time types' text input
     * and output read DateStyle / TimeZone / IntervalStyle, and conversions between a zoned and
     * an unzoned date/time type read TimeZone; those are stable.
     */
    public static boolean immutableCast(PgType from, PgType to) {
        PgType f = from.isArray() ? from.elementType() : from;
        PgType t = to.isArray() ? to.elementType() : to;
        if (f == t) {
            return true;
        }
        boolean fd = dateTime(f);
        boolean td = dateTime(t);
        if (fd != td) {
            return false; // text (or anything else) to or from a date/time type
        }
        if (!fd) {
            return f != PgType.REGCLASS && t != PgType.REGCLASS && f != PgType.REGNAMESPACE && t != PgType.REGNAMESPACE;
        }
        return zoned(f) == zoned(t);
    }

    private static boolean dateTime(PgType t) {
        return t == PgType.DATE || t == PgType.TIME || t == PgType.TIMETZ || t == PgType.TIMESTAMP
            || t == PgType.TIMESTAMPTZ || t == PgType.INTERVAL;
    }

    private static boolean zoned(PgType t) {
        return t == PgType.TIMETZ || t == PgType.TIMESTAMPTZ;
    }

    /** CASE as PostgreSQL folds it (see the class comment). */
    private Expression caseExpr(CaseExpr c) {
        Expression arg = fold(c.arg());
        Const saved = caseValue;
        caseValue = arg instanceof Const k ? k : null;
        boolean dropArg = arg instanceof Const;
        List<Expression> conditions = new ArrayList<>(c.conditions().length);
        List<Expression> results = new ArrayList<>(c.conditions().length);
        boolean constTrue = false;
        boolean changed = arg != c.arg();
        Expression otherwise = null;
        try {
            for (int i = 0; i < c.conditions().length; i++) {
                Expression cond = fold(c.conditions()[i]);
                if (cond instanceof Const k) {
                    if (k.value() == null || !((BoolValue) k.value()).value()) {
                        changed = true;
                        continue; // never chosen: its result is not folded
                    }
                    constTrue = true;
                }
                Expression result = fold(c.results()[i]);
                if (!constTrue) {
                    changed |= cond != c.conditions()[i] || result != c.results()[i];
                    conditions.add(cond);
                    results.add(result);
                    continue;
                }
                otherwise = result; // the alternatives after it are never reached
                changed = true;
                break;
            }
            if (!constTrue) {
                otherwise = fold(c.otherwise());
                changed |= otherwise != c.otherwise();
            }
        } finally {
            caseValue = saved;
        }
        if (conditions.isEmpty()) {
            return otherwise != null ? otherwise : new Const(null, c.type(), c.typmod());
        }
        if (!changed) {
            return c;
        }
        return new CaseExpr(dropArg ? null : arg, conditions.toArray(new Expression[0]),
            results.toArray(new Expression[0]), otherwise, c.type());
    }

    private Expression coalesce(CoalesceExpr c) {
        List<Expression> out = new ArrayList<>(c.args().length);
        boolean changed = false;
        for (Expression a : c.args()) {
            Expression f = fold(a);
            if (f instanceof Const k) {
                if (k.value() == null) {
                    changed = true;
                    continue;
                }
                if (out.isEmpty()) {
                    return f; // a non-NULL constant first: the later ones are never evaluated
                }
                out.add(f);
                changed |= out.size() < c.args().length;
                break;
            }
            changed |= f != a;
            out.add(f);
        }
        if (out.isEmpty()) {
            return new Const(null, c.type(), c.typmod());
        }
        if (out.size() == 1) {
            return out.get(0);
        }
        return changed || out.size() != c.args().length ? new CoalesceExpr(out.toArray(new Expression[0]), c.type()) : c;
    }

    private static boolean allConstant(Expression[] es) {
        for (Expression e : es) {
            if (!(e instanceof Const)) {
                return false;
            }
        }
        return true;
    }

    /**
     * The node's value, computed now, as a constant of its type. Anything that would read the
     * session (settings, storage, sequences, time) leaves the node as it is: only a mislabelled
     * function can get there.
     */
    private Expression evaluate(Expression e) {
        try {
            return new Const(e.eval(NO_ROW, context), e.type(), e.typmod());
        } catch (NotFoldable n) {
            return e;
        }
    }

    /** Thrown by the folding context where a function reaches for the session. */
    private static final class NotFoldable extends RuntimeException {
        NotFoldable() {
            super(null, null, false, false);
        }
    }

    /** What a function evaluated at plan time may see: the output style and the custom plan's parameters. */
    private static final class FoldContext implements EvalContext {
        private final SessionStyle style;
        private final Value[] params;
        private Value caseValue;

        FoldContext(SessionStyle style, Value[] params) {
            this.style = style;
            this.params = params;
        }

        @Override
        public Value param(int index) {
            if (params == null) {
                throw new NotFoldable();
            }
            return params[index];
        }

        @Override public SessionStyle style() { return style; }
        @Override public void checkForInterrupts() { }
        @Override public void sleep(long nanos) { throw new NotFoldable(); }
        @Override public long transactionStartMicros() { throw new NotFoldable(); }
        @Override public long statementStartMicros() { throw new NotFoldable(); }
        @Override public String user() { throw new NotFoldable(); }
        @Override public String database() { throw new NotFoldable(); }
        @Override public long backendPid() { throw new NotFoldable(); }
        @Override public String showSetting(String name, boolean missingOk) { throw new NotFoldable(); }
        @Override public String setSetting(String name, String value, boolean isLocal) { throw new NotFoldable(); }
        @Override public boolean signalBackend(long pid, boolean terminate) { throw new NotFoldable(); }
        @Override public void notice(DatabaseException notice) { throw new NotFoldable(); }
        @Override public List<ProcInfo> activity() { throw new NotFoldable(); }
        @Override public org.tuskdb.sql.internal.expr.ServerInfo server() { throw new NotFoldable(); }
        @Override public Value caseValue() { return caseValue; }
        @Override public void setCaseValue(Value v) { caseValue = v; }
        @Override public StorageContext storage() { throw new NotFoldable(); }
        @Override public void onClose(AutoCloseable resource) { throw new NotFoldable(); }
        @Override public org.tuskdb.sql.internal.sequence.SequenceManager sequences() { throw new NotFoldable(); }
        @Override public org.tuskdb.sql.internal.async.Notifications notifications() { throw new NotFoldable(); }
    }
}
