package org.tuskdb.sql.internal.analyze;

import java.util.ArrayList;
import java.util.List;
import org.tuskdb.api.DatabaseException;
import org.tuskdb.api.SqlState;
import org.tuskdb.sql.internal.ast.Expr;
import org.tuskdb.sql.internal.ast.Statement;
import org.tuskdb.sql.internal.catalog.Relation;
import org.tuskdb.sql.internal.catalog.SystemView;
import org.tuskdb.sql.internal.expr.EvalContext;
import org.tuskdb.sql.internal.expr.Expression;
import org.tuskdb.sql.internal.value.ArrayValue;
import org.tuskdb.sql.internal.value.Casts;
import org.tuskdb.sql.internal.value.IntegerValue;
import org.tuskdb.sql.internal.value.NumericValue;
import org.tuskdb.sql.internal.value.PgType;
import org.tuskdb.sql.internal.value.Value;

/**
 * A function call in FROM (PostgreSQL's FunctionScan), as a relation computed when its scan
 * starts: the set-returning generate_series(start, stop [, step]) over integers and numeric and
 * unnest(array), or any other function as one row of its result; WITH ORDINALITY adds the bigint
 * row number. The arguments are analyzed in a scope of their own under the enclosing levels, so
 * they may read outer queries' columns (evaluated through the scan's context) but not other FROM
 * items of the same level (no LATERAL yet, as PostgreSQL without it).
 */
final class FunctionRelation implements SystemView {
    private enum Kind { SERIES, UNNEST, SCALAR }

    private final String name;
    private final List<Relation.Column> columns;
    private final Kind kind;
    private final Expression[] args;
    private final boolean ordinality;

    private FunctionRelation(String name, List<Relation.Column> columns, Kind kind, Expression[] args,
                             boolean ordinality) {
        this.name = name;
        this.columns = columns;
        this.kind = kind;
        this.args = args;
        this.ordinality = ordinality;
    }

    static FunctionRelation analyze(Statement.FromFunction fn, ExpressionAnalyzer expressions, ParseState ps) {
        Expr.FuncCall call = fn.call();
        List<String> qn = call.name();
        String fname = qn.get(qn.size() - 1);
        boolean catalog = qn.size() == 1 || qn.get(0).equals("pg_catalog");
        Kind kind = Kind.SCALAR;
        Expression[] args;
        PgType type;
        int typmod = -1;
        if (catalog && fname.equals("generate_series") && (call.args().size() == 2 || call.args().size() == 3)) {
            kind = Kind.SERIES;
            List<Expression> raw = new ArrayList<>();
            List<Integer> locations = new ArrayList<>();
            for (Expr a : call.args()) {
                raw.add(expressions.transform(a));
                locations.add(a.location());
            }
            type = PgType.INT4;
            for (Expression e : raw) {
                if (e.type() == PgType.NUMERIC || e.type() == PgType.FLOAT8 || e.type() == PgType.FLOAT4) {
                    type = PgType.NUMERIC;
                } else if (e.type() == PgType.INT8 && type == PgType.INT4) {
                    type = PgType.INT8;
                } else if (!e.type().isInteger() && e.type() != PgType.UNKNOWN && e.type() != PgType.NUMERIC) {
                    throw DatabaseException.atPosition(SqlState.UNDEFINED_FUNCTION, "function generate_series("
                        + raw.stream().map(x -> x.type().displayName()).reduce((x, y) -> x + ", " + y).orElse("")
                        + ") does not exist", ps.position(call.location()));
                }
            }
            args = new Expression[raw.size()];
            for (int i = 0; i < args.length; i++) {
                args[i] = Coercion.coerce(raw.get(i), type, -1, Casts.Context.IMPLICIT, ps, locations.get(i));
            }
        } else if (catalog && fname.equals("unnest") && call.args().size() == 1) {
            kind = Kind.UNNEST;
            Expression a = expressions.transform(call.args().get(0));
            if (!a.type().isArray()) {
                throw DatabaseException.atPosition(SqlState.UNDEFINED_FUNCTION, "function unnest("
                    + a.type().displayName() + ") does not exist", ps.position(call.location()));
            }
            args = new Expression[] {a};
            type = a.type().elementType();
        } else {
            Expression e = Coercion.resolveUnknown(expressions.transform(call), ps);
            args = new Expression[] {e};
            type = e.type();
            typmod = e.typmod();
        }
        String ref = fn.alias() != null ? fn.alias() : fname;
        List<Relation.Column> cols = new ArrayList<>();
        cols.add(new Relation.Column(fn.alias() != null && (fn.columnAliases() == null) ? fn.alias() : fname, type,
            typmod));
        if (fn.ordinality()) {
            cols.add(new Relation.Column("ordinality", PgType.INT8));
        }
        return new FunctionRelation(ref, List.copyOf(cols), kind, args, fn.ordinality());
    }

    @Override public String schema() { return null; }
    @Override public String name() { return name; }
    @Override public List<Relation.Column> columns() { return columns; }

    @Override
    public List<Value[]> rows(EvalContext ctx) {
        Value[] none = new Value[0];
        Value[] a = new Value[args.length];
        for (int i = 0; i < a.length; i++) {
            a[i] = args[i].eval(none, ctx);
        }
        List<Value> values = new ArrayList<>();
        switch (kind) {
            case SCALAR -> values.add(a[0]);
            case UNNEST -> {
                if (a[0] != null) {
                    values.addAll(java.util.Arrays.asList(((ArrayValue) a[0]).elements()));
                }
            }
            case SERIES -> series(a, values, ctx);
        }
        List<Value[]> out = new ArrayList<>(values.size());
        long n = 1;
        for (Value v : values) {
            out.add(ordinality ? new Value[] {v, IntegerValue.int8(n++)} : new Value[] {v});
        }
        return out;
    }

    private void series(Value[] a, List<Value> out, EvalContext ctx) {
        for (Value v : a) {
            if (v == null) {
                return;
            }
        }
        PgType type = columns.get(0).type();
        if (type == PgType.NUMERIC) {
            java.math.BigDecimal start = ((NumericValue) a[0]).value();
            java.math.BigDecimal stop = ((NumericValue) a[1]).value();
            java.math.BigDecimal step = a.length > 2 ? ((NumericValue) a[2]).value() : java.math.BigDecimal.ONE;
            if (step.signum() == 0) {
                throw DatabaseException.error(SqlState.INVALID_PARAMETER_VALUE, "step size cannot equal zero");
            }
            for (java.math.BigDecimal x = start; step.signum() > 0 ? x.compareTo(stop) <= 0 : x.compareTo(stop) >= 0;
                 x = x.add(step)) {
                out.add(NumericValue.of(x));
                ctx.checkForInterrupts();
            }
            return;
        }
        long start = ((IntegerValue) a[0]).value();
        long stop = ((IntegerValue) a[1]).value();
        long step = a.length > 2 ? ((IntegerValue) a[2]).value() : 1;
        if (step == 0) {
            throw DatabaseException.error(SqlState.INVALID_PARAMETER_VALUE, "step size cannot equal zero");
        }
        for (long x = start; step > 0 ? x <= stop : x >= stop; x += step) {
            out.add(IntegerValue.of(type, x));
            if ((out.size() & 1023) == 0) {
                ctx.checkForInterrupts();
            }
            if ((step > 0 && x > Long.MAX_VALUE - step) || (step < 0 && x < Long.MIN_VALUE - step)) {
                break;
            }
        }
    }
}
