package org.tuskdb.sql.internal.plan;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tuskdb.api.DatabaseException;
import org.tuskdb.sql.internal.ast.Expr.SubLinkKind;
import org.tuskdb.sql.internal.expr.EvalContext;
import org.tuskdb.sql.internal.expr.Expression;
import org.tuskdb.sql.internal.expr.SubqueryContext;
import org.tuskdb.sql.internal.value.BoolValue;
import org.tuskdb.sql.internal.value.PgType;
import org.tuskdb.sql.internal.value.Value;

/**
 * A subquery in an expression (PostgreSQL's SubPlan): EXISTS, a scalar subquery (21000 past one
 * row), and x op ANY / ALL (subquery) with SQL's NULL rules (ANY: true if some comparison is
 * true, else NULL if some was NULL, else false; ALL the dual).
 *
 * <p>A correlated subquery runs for each evaluation, with the current row as its outer row
 * ({@link SubqueryContext}); stopping early closes its scans. An uncorrelated one runs once per
 * statement execution (PostgreSQL's initplan), its result kept in the execution's state: the
 * value for EXISTS / scalar, the rows for ANY / ALL, and for {@code = ANY} (IN) over types that
 * hash alike a hash set (PostgreSQL's hashed subplan).
 *
 * <p>For ANY / ALL, {@code compare} is the operator over a two-column row {@code [test value,
 * subquery value]}.
 */
public final class SubPlanExpr extends Expression {
    private final SubLinkKind kind;
    private final Plan plan;
    private final PgType type;
    private final int typmod;
    private final Expression test;
    private final Expression compare;
    private final boolean correlated;
    private final boolean hashed;
    /** For a row compared with the subquery's rows: their record type; null: the first column is the value. */
    private final PgType rowType;

    public SubPlanExpr(SubLinkKind kind, Plan plan, PgType type, int typmod, Expression test, Expression compare,
                       boolean correlated) {
        this(kind, plan, type, typmod, test, compare, correlated, false);
    }

    public SubPlanExpr(SubLinkKind kind, Plan plan, PgType type, int typmod, Expression test, Expression compare,
                       boolean correlated, boolean hashed) {
        this(kind, plan, type, typmod, test, compare, correlated, hashed, null);
    }

    /**
     * With a {@code rowType}, a subquery row's value is the record of its first
     * {@code rowType.fieldCount()} columns ({@code (a, b) IN (SELECT x, y ...)}), never hashed.
     */
    public SubPlanExpr(SubLinkKind kind, Plan plan, PgType type, int typmod, Expression test, Expression compare,
                       boolean correlated, boolean hashed, PgType rowType) {
        this.rowType = rowType;
        this.kind = kind;
        this.plan = plan;
        this.type = type;
        this.typmod = typmod;
        this.test = test;
        this.compare = compare;
        this.correlated = correlated;
        this.hashed = hashed && kind == SubLinkKind.ANY && rowType == null;
    }

    @Override public PgType type() { return type; }
    @Override public int typmod() { return typmod; }

    /** An uncorrelated subquery's rows: the first column of each, and for IN a hash set of them. */
    private record Materialized(List<Value> values, Set<Value> set, boolean hasNull) {}

    /** Marks a cached scalar result that is NULL. */
    private static final Object NULL_RESULT = new Object();

    @Override
    public Value eval(Value[] row, EvalContext ctx) {
        Map<Object, Object> state = correlated ? null : ctx.executionState();
        if (state == null) {
            return run(row, ctx);
        }
        if (kind == SubLinkKind.EXISTS || kind == SubLinkKind.EXPR || kind == SubLinkKind.ARRAY) {
            Object cached = state.get(this);
            if (cached == null) {
                Value v = run(row, ctx);
                state.put(this, v == null ? NULL_RESULT : v);
                return v;
            }
            return cached == NULL_RESULT ? null : (Value) cached;
        }
        Materialized m = (Materialized) state.get(this);
        if (m == null) {
            m = materialize(row, ctx);
            state.put(this, m);
        }
        Value testValue = test.eval(row, ctx);
        if (m.set() != null) {
            if (m.values().isEmpty()) {
                return BoolValue.FALSE;
            }
            if (testValue == null) {
                return null;
            }
            if (m.set().contains(testValue)) {
                return BoolValue.TRUE;
            }
            return m.hasNull() ? null : BoolValue.FALSE;
        }
        boolean any = kind == SubLinkKind.ANY;
        boolean sawNull = false;
        Value[] pair = {testValue, null};
        for (Value v : m.values()) {
            pair[1] = v;
            Value r = compare.eval(pair, ctx);
            if (r == null) {
                sawNull = true;
            } else if (((BoolValue) r).value() == any) {
                return BoolValue.of(any);
            }
        }
        return sawNull ? null : BoolValue.of(!any);
    }

    private Materialized materialize(Value[] row, EvalContext ctx) {
        SubqueryContext sub = new SubqueryContext(ctx, row == null ? new Value[0] : row);
        try {
            RowCursor c = plan.open(sub);
            List<Value> values = new ArrayList<>();
            Set<Value> set = hashed ? new HashSet<>() : null;
            boolean hasNull = false;
            Value[] r;
            while ((r = c.next()) != null) {
                Value v = value(r);
                values.add(v);
                if (v == null) {
                    hasNull = true;
                } else if (set != null) {
                    set.add(v);
                }
                ctx.checkForInterrupts();
            }
            return new Materialized(values, set, hasNull);
        } finally {
            sub.closeResources();
        }
    }

    /** A subquery row's value: its first column, or the record of the row's columns. */
    private Value value(Value[] r) {
        if (rowType == null) {
            return r[0];
        }
        return new org.tuskdb.sql.internal.value.RecordValue(rowType, java.util.Arrays.copyOf(r, rowType.fieldCount()));
    }

    private Value run(Value[] row, EvalContext ctx) {
        Value testValue = test == null ? null : test.eval(row, ctx);
        SubqueryContext sub = new SubqueryContext(ctx, row == null ? new Value[0] : row);
        try {
            RowCursor c = plan.open(sub);
            switch (kind) {
                case EXISTS:
                    return BoolValue.of(c.next() != null);
                case ARRAY: {
                    // ARRAY(subquery): the first column of every row, in order
                    java.util.List<Value> values = new java.util.ArrayList<>();
                    Value[] r;
                    while ((r = c.next()) != null) {
                        values.add(r[0]);
                        ctx.checkForInterrupts();
                    }
                    return new org.tuskdb.sql.internal.value.ArrayValue(type(), values.toArray(Value[]::new));
                }
                case EXPR: {
                    Value[] first = c.next();
                    if (first == null) {
                        return null;
                    }
                    if (c.next() != null) {
                        throw DatabaseException.error("21000", "more than one row returned by a subquery used as an expression");
                    }
                    return value(first);
                }
                default: {
                    boolean any = kind == SubLinkKind.ANY;
                    boolean sawNull = false;
                    Value[] pair = new Value[2];
                    pair[0] = testValue;
                    Value[] r;
                    while ((r = c.next()) != null) {
                        pair[1] = value(r);
                        Value v = compare.eval(pair, ctx);
                        if (v == null) {
                            sawNull = true;
                        } else if (((BoolValue) v).value() == any) {
                            return BoolValue.of(any);
                        }
                        ctx.checkForInterrupts();
                    }
                    return sawNull ? null : BoolValue.of(!any);
                }
            }
        } finally {
            sub.closeResources();
        }
    }

    // ---- EXPLAIN and the cost model read these (plan/explain, CostModel) ----

    public Plan explainPlan() { return plan; }
    public SubLinkKind explainKind() { return kind; }
    public boolean explainCorrelated() { return correlated; }
    public boolean explainHashed() { return hashed; }
}
