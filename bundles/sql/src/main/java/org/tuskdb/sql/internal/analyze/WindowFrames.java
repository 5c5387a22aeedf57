package org.tuskdb.sql.internal.analyze;

import java.util.List;
import org.tuskdb.api.DatabaseException;
import org.tuskdb.api.SqlState;
import org.tuskdb.sql.internal.ast.Expr;
import org.tuskdb.sql.internal.ast.Statement;
import org.tuskdb.sql.internal.ast.WindowFrame;
import org.tuskdb.sql.internal.expr.Expression;
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
            throw DatabaseException.atPosition(SqlState.FEATURE_NOT_SUPPORTED,
                "RANGE with offset PRECEDING/FOLLOWING is not supported yet", ps.position(over.location()));
        }
        return new WindowFrame<>(f.mode(), bound(a, f.start()), bound(a, f.end()), f.exclusion());
    }

    private static WindowFrame.Bound<Expression> bound(ExpressionAnalyzer a, WindowFrame.Bound<Expr> b) {
        Expression offset = b.offset() == null ? null
            : a.coerceArg(a.transform(b.offset()), PgType.INT8, b.offset().location());
        return new WindowFrame.Bound<>(b.kind(), offset, b.location());
    }
}
