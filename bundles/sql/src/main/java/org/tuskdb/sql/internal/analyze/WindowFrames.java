package org.tuskdb.sql.internal.analyze;

import java.util.List;
import org.tuskdb.api.DatabaseException;
import org.tuskdb.api.SqlState;
import org.tuskdb.sql.internal.ast.Expr;
import org.tuskdb.sql.internal.ast.Statement;
import org.tuskdb.sql.internal.ast.WindowFrame;
import org.tuskdb.sql.internal.expr.Expression;
import org.tuskdb.sql.internal.expr.RangeBoundExpr;
import org.tuskdb.sql.internal.value.Casts;
import org.tuskdb.sql.internal.value.PgType;

/**
 * Analysis of window frames (transformFrameOffset and the checks of parse_clause.c) and of the
 * window functions that read the frame or the partition's size: first_value, last_value,
 * nth_value, ntile, percent_rank, cume_dist (their signatures are PostgreSQL's).
 */
final class WindowFrames {
    private WindowFrames() {
    }

    static WindowCall valueFunction(ExpressionAnalyzer a, ParseState ps, Expr.FuncCall f, List<Expression> args,
                                    List<Expression> partition, List<Aggregation.SortExpr> order) {
        String fn = f.functionName();
        int want = switch (fn) {
            case "percent_rank", "cume_dist" -> 0;
            case "ntile", "first_value", "last_value" -> 1;
            default -> 2; // nth_value
        };
        if (args.size() != want || f.star()) {
            throw a.undefinedFunction(fn, args, f.location());
        }
        return switch (fn) {
            case "percent_rank", "cume_dist" -> new WindowCall(fn, null, new Expression[0], partition, order, PgType.FLOAT8);
            case "ntile" -> new WindowCall(fn, null,
                new Expression[] {a.coerceArg(args.get(0), PgType.INT4, f.args().get(0).location())}, partition, order,
                PgType.INT4);
            default -> {
                if (args.get(0).type() == PgType.UNKNOWN) {
                    throw DatabaseException.error(SqlState.DATATYPE_MISMATCH, // no position, as PostgreSQL
                        "could not determine polymorphic type because input has type unknown");
                }
                Expression value = args.get(0);
                Expression[] coerced = fn.equals("nth_value")
                    ? new Expression[] {value, a.coerceArg(args.get(1), PgType.INT4, f.args().get(1).location())}
                    : new Expression[] {value};
                yield new WindowCall(fn, null, coerced, partition, order, value.type());
            }
        };
    }

    /** The WINDOW clause's definitions, each name once (42P20 "window "w" is already defined"). */
    static List<Statement.WindowDef> checkNames(List<Statement.WindowDef> defs, ParseState ps) {
        for (int i = 0; i < defs.size(); i++) {
            for (int j = 0; j < i; j++) {
                if (defs.get(j).name().equals(defs.get(i).name())) {
                    throw DatabaseException.atPosition("42P20", "window \"" + defs.get(i).name() + "\" is already defined",
                        ps.position(defs.get(i).spec().location()));
                }
            }
        }
        return defs;
    }

    /**
     * The call with its OVER naming no window any more: {@code OVER w} is w's definition, {@code OVER
     * (w ORDER BY ...)} copies w's PARTITION BY (and ORDER BY) and adds its own (transformWindowDefinitions'
     * rules: no PARTITION BY of its own, no second ORDER BY, w without a frame).
     */
    static Expr.FuncCall resolveNamed(Expr.FuncCall f, List<Statement.WindowDef> defs, ParseState ps) {
        if (f.over() == null || f.over().refName() == null) {
            return f;
        }
        Expr.WindowSpec over = resolve(f.over(), defs, defs.size(), ps);
        return new Expr.FuncCall(f.name(), f.args(), f.star(), f.distinct(), f.aggOrder(), f.filter(), over, f.location());
    }

    /** Resolves a spec's reference among the first {@code visible} definitions (a definition sees those before it). */
    private static Expr.WindowSpec resolve(Expr.WindowSpec spec, List<Statement.WindowDef> defs, int visible,
                                           ParseState ps) {
        if (spec.refName() == null) {
            return spec;
        }
        int found = -1;
        for (int i = 0; i < visible; i++) {
            if (defs.get(i).name().equals(spec.refName())) {
                found = i;
            }
        }
        if (found < 0) {
            throw DatabaseException.atPosition(SqlState.UNDEFINED_OBJECT, "window \"" + spec.refName() + "\" does not exist",
                ps.position(spec.location()));
        }
        Expr.WindowSpec base = resolve(defs.get(found).spec(), defs, found, ps);
        boolean bare = spec.partitionBy().isEmpty() && spec.orderBy().isEmpty() && spec.frame() == null;
        if (bare) {
            return new Expr.WindowSpec(null, base.partitionBy(), base.orderBy(), base.frame(), spec.location());
        }
        if (!spec.partitionBy().isEmpty()) {
            throw DatabaseException.atPosition("42P20", "cannot override PARTITION BY clause of window \""
                + spec.refName() + "\"", ps.position(spec.location()));
        }
        if (!spec.orderBy().isEmpty() && !base.orderBy().isEmpty()) {
            throw DatabaseException.atPosition("42P20", "cannot override ORDER BY clause of window \""
                + spec.refName() + "\"", ps.position(spec.location()));
        }
        if (base.frame() != null) {
            throw DatabaseException.atPosition("42P20", "cannot copy window \"" + spec.refName()
                + "\" because it has a frame clause", ps.position(spec.location()));
        }
        return new Expr.WindowSpec(null, base.partitionBy(), spec.orderBy().isEmpty() ? base.orderBy() : spec.orderBy(),
            spec.frame(), spec.location());
    }

    /** The analyzed frame of a window, null for the default one. */
    static WindowFrame<Expression> frame(ExpressionAnalyzer a, ParseState ps, Expr.WindowSpec over,
                                         List<Aggregation.SortExpr> order) {
        WindowFrame<Expr> f = over.frame();
        if (f == null) {
            return null;
        }
        if (f.mode() == WindowFrame.Mode.GROUPS && order.isEmpty()) {
            throw DatabaseException.atPosition("42P20", "GROUPS mode requires an ORDER BY clause",
                ps.position(over.location()));
        }
        if (f.mode() == WindowFrame.Mode.RANGE && (f.start().offset() != null || f.end().offset() != null)) {
            if (order.size() != 1) {
                throw DatabaseException.atPosition("42P20",
                    "RANGE with offset PRECEDING/FOLLOWING requires exactly one ORDER BY column",
                    ps.position(over.location()));
            }
            return null; // see framed()
        }
        return new WindowFrame<>(f.mode(), bound(a, f.start()), bound(a, f.end()), f.exclusion());
    }

    /**
     * The call over its analyzed frame. RANGE with an offset compares the one ORDER BY key with
     * "key - offset" / "key + offset" of the current row (in_range): the key is read in the type
     * that arithmetic gives (int8 for integers, float8, numeric, timestamp for dates and
     * timestamps, timestamptz, interval for times and intervals; all order-preserving), and each offset bound
     * becomes that value ({@link RangeBoundExpr}), the sign set by the key's sort direction.
     */
    static WindowCall framed(WindowCall call, ExpressionAnalyzer a, ParseState ps, Expr.WindowSpec over,
                             List<Aggregation.SortExpr> order) {
        WindowFrame<Expression> frame = frame(a, ps, over, order);
        WindowFrame<Expr> f = over.frame();
        if (frame != null || f == null) {
            return call.withFrame(frame);
        }
        Aggregation.SortExpr sort = order.get(0);
        PgType keyType = sort.expr().type();
        PgType compared;
        PgType offsetType;
        if (keyType == PgType.INT2 || keyType == PgType.INT4 || keyType == PgType.INT8) {
            compared = PgType.INT8;
            offsetType = PgType.INT8;
        } else if (keyType == PgType.FLOAT4 || keyType == PgType.FLOAT8 || keyType == PgType.NUMERIC) {
            compared = keyType == PgType.NUMERIC ? PgType.NUMERIC : PgType.FLOAT8;
            offsetType = compared;
        } else if (keyType == PgType.DATE || keyType == PgType.TIMESTAMP || keyType == PgType.TIMESTAMPTZ
            || keyType == PgType.TIME || keyType == PgType.INTERVAL) {
            // time compares as an interval: in_range does not wrap at midnight as time + interval does
            compared = keyType == PgType.DATE ? PgType.TIMESTAMP : keyType == PgType.TIME ? PgType.INTERVAL : keyType;
            offsetType = PgType.INTERVAL;
        } else {
            throw DatabaseException.atPosition(SqlState.FEATURE_NOT_SUPPORTED,
                "RANGE with offset PRECEDING/FOLLOWING is not supported for column type " + keyType.displayName(),
                ps.position(offsetLocation(f)));
        }
        Expression key = Coercion.coerce(sort.expr(), compared, -1, Casts.Context.EXPLICIT, ps, -1);
        WindowFrame<Expression> ranged = new WindowFrame<>(f.mode(),
            rangeBound(a, ps, f.start(), key, keyType, offsetType, sort.descending(), true),
            rangeBound(a, ps, f.end(), key, keyType, offsetType, sort.descending(), false), f.exclusion());
        List<Aggregation.SortExpr> keyed = new java.util.ArrayList<>(order);
        keyed.set(0, new Aggregation.SortExpr(key, sort.descending(), sort.nullsFirst()));
        return new WindowCall(call.name(), call.aggregate(), call.args(), call.partitionBy(), List.copyOf(keyed),
            call.type(), ranged);
    }

    /** exprLocation's rule for a cast: where its argument starts ('1 day'::interval points at the string). */
    private static int leftmost(Expr e) {
        return e instanceof Expr.TypeCast c && c.arg().location() >= 0 ? leftmost(c.arg()) : e.location();
    }

    private static int offsetLocation(WindowFrame<Expr> f) {
        return f.start().offset() != null ? f.start().offset().location() : f.end().offset().location();
    }

    private static WindowFrame.Bound<Expression> rangeBound(ExpressionAnalyzer a, ParseState ps, WindowFrame.Bound<Expr> b,
                                                           Expression key, PgType keyType, PgType offsetType,
                                                           boolean descending, boolean start) {
        if (b.offset() == null) {
            return new WindowFrame.Bound<>(b.kind(), null, b.location());
        }
        Expression offset = a.transform(b.offset());
        if (offset.type() != PgType.UNKNOWN && offset.type() != offsetType
            && Casts.context(offset.type(), offsetType) != Casts.Context.IMPLICIT
            && !(offsetType == PgType.INT8 && (offset.type() == PgType.INT2 || offset.type() == PgType.INT4))) {
            throw DatabaseException.atPosition(SqlState.FEATURE_NOT_SUPPORTED,
                "RANGE with offset PRECEDING/FOLLOWING is not supported for column type " + keyType.displayName()
                    + " and offset type " + offset.type().displayName(), ps.position(leftmost(b.offset())))
                .withHint("Cast the offset value to an appropriate type.");
        }
        offset = a.coerceArg(offset, offsetType, b.offset().location());
        boolean minus = (b.kind() == WindowFrame.BoundKind.PRECEDING) != descending;
        Expression value = a.makeOperator(minus ? "-" : "+", key, offset, b.offset().location());
        if (value.type() != key.type()) {
            value = Coercion.coerce(value, key.type(), -1, Casts.Context.EXPLICIT, ps, -1);
        }
        return new WindowFrame.Bound<>(b.kind(), new RangeBoundExpr(offset, value, start), b.location());
    }

    private static WindowFrame.Bound<Expression> bound(ExpressionAnalyzer a, WindowFrame.Bound<Expr> b) {
        Expression offset = b.offset() == null ? null
            : a.coerceArg(a.transform(b.offset()), PgType.INT8, b.offset().location());
        return new WindowFrame.Bound<>(b.kind(), offset, b.location());
    }
}
