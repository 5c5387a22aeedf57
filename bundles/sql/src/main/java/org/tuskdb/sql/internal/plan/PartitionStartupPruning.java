package org.tuskdb.sql.internal.plan;

import java.util.BitSet;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.tuskdb.sql.internal.ast.Expr.SubLinkKind;
import org.tuskdb.sql.internal.catalog.TableDescriptor;
import org.tuskdb.sql.internal.expr.ArrayExpr;
import org.tuskdb.sql.internal.expr.BoolExpr;
import org.tuskdb.sql.internal.expr.CastExpr;
import org.tuskdb.sql.internal.expr.ColumnVar;
import org.tuskdb.sql.internal.expr.Const;
import org.tuskdb.sql.internal.expr.EvalContext;
import org.tuskdb.sql.internal.expr.Expression;
import org.tuskdb.sql.internal.expr.FuncExpr;
import org.tuskdb.sql.internal.expr.ParamRef;
import org.tuskdb.sql.internal.expr.ScalarArrayOpExpr;
import org.tuskdb.sql.internal.value.Value;

/**
 * Partition pruning at executor startup (PostgreSQL's "initial pruning", execPartition.c):
 * comparisons of a partition key column with an expression that is fixed for one execution but
 * unknown when planning — a parameter of a generic plan ({@code key = $1}), a stable function
 * ({@code key = now()::date}), anything built of those, constants and non-volatile functions —
 * cannot prune when the plan is made, but can each time it is opened: the expressions are
 * evaluated, put into the qual as constants, and {@link PartitionPruning} run on the result, so
 * the Append skips the leaves the plan-time rules rule out for these values. The leaves' scans
 * keep the whole qual as their filter, so what is kept is only ever more than needed, never less.
 *
 * <p>Only what PostgreSQL's gen_partprune_steps can use is evaluated: the operand of a
 * comparison {@code = < <= > >=} whose other side is a column, and the elements of an
 * {@code op ANY (ARRAY[...])} (not an array parameter: PostgreSQL does not prune on that).
 * An uncorrelated scalar subquery ({@code key < (SELECT 3)}) is PostgreSQL's exec-time pruning:
 * its value is computed when the Append is opened (the execution's initplan result, so once),
 * and EXPLAIN keeps listing every leaf, the skipped ones "(never executed)". Immutable:
 * a plan holding one is reused by every execution.
 */
final class PartitionStartupPruning {
    private static final Value[] NO_ROW = new Value[0];

    private final TableDescriptor parent;
    private final Expression qual;
    /** The operands include an uncorrelated scalar subquery: PostgreSQL's exec-time pruning (EXPLAIN lists every leaf). */
    private final boolean atExecution;

    private PartitionStartupPruning(TableDescriptor parent, Expression qual, boolean atExecution) {
        this.parent = parent;
        this.qual = qual;
        this.atExecution = atExecution;
    }

    /** Whether this is exec-time pruning (a subquery's value): the leaves stay in EXPLAIN, "(never executed)" when skipped. */
    boolean atExecution() {
        return atExecution;
    }

    /** The startup pruning of partitioned {@code t} by {@code qual}, or null when nothing in it waits for execution. */
    static PartitionStartupPruning of(TableDescriptor t, Expression qual) {
        if (qual == null) {
            return null;
        }
        BitSet keys = new BitSet();
        keyColumns(t, keys);
        if (usesStartupValue(qual, keys, false)) {
            return new PartitionStartupPruning(t, qual, false);
        }
        return usesStartupValue(qual, keys, true) ? new PartitionStartupPruning(t, qual, true) : null;
    }

    /**
     * Which of {@code leaves} (the plan-time survivors, in the Append's order) may hold rows for
     * this execution's values.
     */
    BitSet survivors(List<TableDescriptor> leaves, EvalContext ctx) {
        Set<TableDescriptor> keep = Collections.newSetFromMap(new IdentityHashMap<>());
        keep.addAll(PartitionPruning.leaves(parent, bind(qual, ctx)));
        BitSet out = new BitSet();
        for (int i = 0; i < leaves.size(); i++) {
            if (keep.contains(leaves.get(i))) {
                out.set(i);
            }
        }
        return out;
    }

    private static void keyColumns(TableDescriptor t, BitSet out) {
        if (!t.partitioned()) {
            return;
        }
        for (int c : t.partitioning().key().columns()) {
            out.set(c);
        }
        for (TableDescriptor child : t.partitioning().children()) {
            keyColumns(child, out);
        }
    }

    private static boolean usesStartupValue(Expression e, BitSet keys, boolean subqueries) {
        switch (e) {
            case BoolExpr b when b.op() != BoolExpr.Op.NOT -> {
                for (Expression a : b.args()) {
                    if (usesStartupValue(a, keys, subqueries)) {
                        return true;
                    }
                }
                return false;
            }
            case FuncExpr f when comparison(f) -> {
                Expression[] a = f.args();
                return a[0] instanceof ColumnVar v && keys.get(v.index()) && waitsForExecution(a[1], subqueries)
                    || a[1] instanceof ColumnVar w && keys.get(w.index()) && waitsForExecution(a[0], subqueries);
            }
            case ScalarArrayOpExpr s when !s.all() && s.left() instanceof ColumnVar v && keys.get(v.index())
                && s.array() instanceof ArrayExpr arr -> {
                boolean waits = false;
                for (Expression el : arr.elements()) {
                    if (!startupValue(el, subqueries)) {
                        return false;
                    }
                    waits |= !(el instanceof Const);
                }
                return waits;
            }
            default -> {
                return false;
            }
        }
    }

    /** The qual with each operand that waits for execution replaced by its value now. */
    private Expression bind(Expression e, EvalContext ctx) {
        switch (e) {
            case BoolExpr b when b.op() != BoolExpr.Op.NOT -> {
                Expression[] args = b.args().clone();
                for (int i = 0; i < args.length; i++) {
                    args[i] = bind(args[i], ctx);
                }
                return new BoolExpr(b.op(), args);
            }
            case FuncExpr f when comparison(f) -> {
                Expression[] a = f.args();
                if (a[0] instanceof ColumnVar && waitsForExecution(a[1], atExecution)) {
                    return new FuncExpr(f.function(), new Expression[] {a[0], value(a[1], ctx)});
                }
                if (a[1] instanceof ColumnVar && waitsForExecution(a[0], atExecution)) {
                    return new FuncExpr(f.function(), new Expression[] {value(a[0], ctx), a[1]});
                }
                return f;
            }
            case ScalarArrayOpExpr s when !s.all() && s.left() instanceof ColumnVar && s.array() instanceof ArrayExpr arr -> {
                for (Expression el : arr.elements()) {
                    if (!startupValue(el, atExecution)) {
                        return s;
                    }
                }
                return new ScalarArrayOpExpr(s.op(), s.left(), value(arr, ctx), false);
            }
            default -> {
                return e;
            }
        }
    }

    private static Const value(Expression e, EvalContext ctx) {
        return new Const(e.eval(NO_ROW, ctx), e.type(), e.typmod());
    }

    private static boolean comparison(FuncExpr f) {
        return f.args().length == 2 && switch (f.function().name()) {
            case "=", "<", "<=", ">", ">=" -> true;
            default -> false;
        };
    }

    /** A value fixed for the execution that planning could not compute. */
    private static boolean waitsForExecution(Expression e, boolean subqueries) {
        return !(e instanceof Const) && startupValue(e, subqueries);
    }

    /** Constants, parameters and non-volatile functions and casts of them: computable before any row is read. */
    private static boolean startupValue(Expression e, boolean subqueries) {
        switch (e) {
            case Const c -> {
                return true;
            }
            case SubPlanExpr sp -> {
                // an initplan's value (uncorrelated scalar subquery), computed once per execution
                return subqueries && !sp.explainCorrelated() && sp.explainKind() == SubLinkKind.EXPR;
            }
            case ParamRef p -> {
                return true;
            }
            case CastExpr c -> {
                return startupValue(c.arg(), subqueries);
            }
            case FuncExpr f -> {
                if (f.function().volatility() == 'v') {
                    return false;
                }
                for (Expression a : f.args()) {
                    if (!startupValue(a, subqueries)) {
                        return false;
                    }
                }
                return true;
            }
            default -> {
                return false;
            }
        }
    }
}
