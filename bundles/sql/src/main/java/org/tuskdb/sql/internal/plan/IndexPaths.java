package org.tuskdb.sql.internal.plan;

import java.util.ArrayList;
import java.util.List;
import org.tuskdb.api.heap.RowLockMode;
import org.tuskdb.api.index.ScanDirection;
import org.tuskdb.sql.internal.catalog.IndexDescriptor;
import org.tuskdb.sql.internal.catalog.TableDescriptor;
import org.tuskdb.sql.internal.expr.BoolExpr;
import org.tuskdb.sql.internal.expr.CastExpr;
import org.tuskdb.sql.internal.expr.ColumnVar;
import org.tuskdb.sql.internal.expr.Const;
import org.tuskdb.sql.internal.expr.Expression;
import org.tuskdb.sql.internal.expr.FuncExpr;
import org.tuskdb.sql.internal.expr.ParamRef;
import org.tuskdb.sql.internal.value.PgType;

/**
 * The index path choice (a small part of PostgreSQL's indxpath.c / costsize.c). A conjunct of
 * the scan's qual is usable when it is {@code column op operand} (either side) with op one of
 * = &lt; &lt;= &gt; &gt;= (BETWEEN is two of them), the column an index column, the operand a
 * constant or parameter (possibly cast) of a type whose key encoding compares with the
 * column's (same type, or both integers, both floats, both text/varchar). For each index the
 * usable prefix is: equalities on its leading columns, then at most one column with range
 * bounds. The best index has the longest such prefix; an index whose every column is bound by
 * equality on a unique index wins outright. The choice between that index scan and a sequential
 * scan is made per execution from the heap's size (see {@link IndexScanPlan}): so a prepared
 * statement's generic plan (parameters unknown at planning) keeps the index path.
 */
public final class IndexPaths {
    private IndexPaths() {}

    /** A bound of one key column: operator and operand. */
    record ColumnBound(String op, Expression operand) {}

    /** A chosen index and its bounds: eq operands of the leading columns, then an optional range column. */
    record Path(IndexDescriptor index, Expression[] equals, ColumnBound lower, ColumnBound upper, boolean uniqueEquality) {
        int score() {
            return equals.length * 2 + (lower != null || upper != null ? 1 : 0);
        }
    }

    /** The scan of table {@code t} for a query: an index scan when one applies, else a sequential scan. */
    public static Plan scan(TableDescriptor t, Expression qual, RowLockMode rowLock, boolean[] used) {
        SeqScanPlan seq = new SeqScanPlan(t, qual, rowLock, used);
        if (t.indexes().isEmpty() || qual == null) {
            return seq;
        }
        Path p = choose(t, conjuncts(qual), 0);
        if (p == null) {
            return seq;
        }
        return new IndexScanPlan(t, p.index(), p.equals(), p.lower(), p.upper(), ScanDirection.FORWARD, qual,
            rowLock, used, p.uniqueEquality() ? null : seq);
    }

    /** UPDATE / DELETE's source: the rows of {@code t} that pass {@code where}, with their tids. */
    public static Plan scanForModify(TableDescriptor t, Expression where) {
        return scan(t, where, null, null);
    }

    static List<Expression> conjuncts(Expression qual) {
        List<Expression> out = new ArrayList<>();
        flatten(qual, out);
        return out;
    }

    private static void flatten(Expression e, List<Expression> out) {
        if (e instanceof BoolExpr b && b.op() == BoolExpr.Op.AND) {
            for (Expression a : b.args()) {
                flatten(a, out);
            }
        } else if (e != null) {
            out.add(e);
        }
    }

    /** The best path over the indexes of {@code t}; column vars are at {@code offset + column}. */
    static Path choose(TableDescriptor t, List<Expression> conjuncts, int offset) {
        Path best = null;
        for (IndexDescriptor ix : t.indexes()) {
            Path p = match(t, ix, conjuncts, offset);
            if (p == null) {
                continue;
            }
            if (p.uniqueEquality()) {
                return p;
            }
            if (best == null || p.score() > best.score()) {
                best = p;
            }
        }
        return best;
    }

    private static Path match(TableDescriptor t, IndexDescriptor ix, List<Expression> conjuncts, int offset) {
        List<Expression> eq = new ArrayList<>();
        ColumnBound lower = null;
        ColumnBound upper = null;
        for (int k = 0; k < ix.columns().length; k++) {
            int col = ix.columns()[k] + offset;
            PgType type = t.columns().get(ix.columns()[k]).type();
            Expression equal = null;
            for (Expression c : conjuncts) {
                ColumnBound b = bound(c, col, type);
                if (b == null) {
                    continue;
                }
                switch (b.op()) {
                    case "=" -> equal = equal == null ? b.operand() : equal;
                    case ">", ">=" -> lower = lower == null ? b : lower;
                    default -> upper = upper == null ? b : upper;
                }
            }
            if (equal != null) {
                eq.add(equal);
                lower = null;
                upper = null;
                continue;
            }
            break; // the range (if any) of this column ends the usable prefix
        }
        if (eq.isEmpty() && lower == null && upper == null) {
            return null;
        }
        boolean uniqueEq = ix.unique() && eq.size() == ix.columns().length;
        return new Path(ix, eq.toArray(new Expression[0]), lower, upper, uniqueEq);
    }

    /** {@code c} as a bound of column {@code col} (operator normalized to column-on-the-left), or null. */
    private static ColumnBound bound(Expression c, int col, PgType type) {
        if (!(c instanceof FuncExpr f) || f.args().length != 2) {
            return null;
        }
        String op = f.function().name();
        if (!(op.equals("=") || op.equals("<") || op.equals("<=") || op.equals(">") || op.equals(">="))) {
            return null;
        }
        Expression l = f.args()[0];
        Expression r = f.args()[1];
        if (l instanceof ColumnVar v && v.index() == col && operand(r) && compatible(type, r.type())) {
            return new ColumnBound(op, r);
        }
        if (r instanceof ColumnVar v && v.index() == col && operand(l) && compatible(type, l.type())) {
            return new ColumnBound(switch (op) {
                case "<" -> ">";
                case "<=" -> ">=";
                case ">" -> "<";
                case ">=" -> "<=";
                default -> op;
            }, l);
        }
        return null;
    }

    private static boolean operand(Expression e) {
        return e instanceof Const || e instanceof ParamRef || e instanceof CastExpr c && operand(c.arg());
    }

    static boolean compatible(PgType column, PgType operand) {
        if (column == operand) {
            return true;
        }
        return family(column) != 0 && family(column) == family(operand);
    }

    private static int family(PgType t) {
        if (t == PgType.INT2 || t == PgType.INT4 || t == PgType.INT8) {
            return 1;
        }
        if (t == PgType.FLOAT4 || t == PgType.FLOAT8) {
            return 2;
        }
        if (t == PgType.TEXT || t == PgType.VARCHAR) {
            return 3;
        }
        return 0;
    }
}
