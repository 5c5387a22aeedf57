package org.tuskdb.sql.internal.analyze;

import java.util.BitSet;
import java.util.List;
import org.tuskdb.sql.internal.ast.Statement.JoinKind;
import org.tuskdb.sql.internal.catalog.Relation;
import org.tuskdb.sql.internal.expr.Expression;

/**
 * The analyzed FROM clause (PostgreSQL's jointree over the range table). Every node fills the
 * slice {@code [lo, hi)} of the level's wide row (see {@link Scope}); {@code bases} are the base
 * relation ids under it. The planner chooses scan and join methods and where each qual runs.
 */
public sealed interface FromNode {
    int lo();

    int hi();

    BitSet bases();

    /** A table or system view, read with its columns at [lo, hi). */
    record BaseRel(int id, Relation relation, int lo, int hi, boolean[] used,
                   org.tuskdb.sql.internal.ast.RowLock rowLock, String alias) implements FromNode {
        /** Without an alias (EXPLAIN then names the relation by its own name). */
        public BaseRel(int id, Relation relation, int lo, int hi, boolean[] used,
                       org.tuskdb.sql.internal.ast.RowLock rowLock) {
            this(id, relation, lo, hi, used, rowLock, null);
        }

        @Override public BitSet bases() { return single(id); }
    }

    /** A derived table or CTE reference: the query's visible columns at [lo, hi). */
    record SubqueryRel(int id, Query query, int lo, int hi) implements FromNode {
        @Override public BitSet bases() { return single(id); }
    }

    /** A recursive CTE's own name inside its recursive term: the rows of the last iteration. */
    record WorkTableRel(int id, int workTable, int lo, int hi) implements FromNode {
        @Override public BitSet bases() { return single(id); }
    }

    /** A reference to a data-modifying CTE: its RETURNING rows; {@code alias} the reference's name (EXPLAIN). */
    record CteScanRel(int id, ModifyingCte cte, String alias, int lo, int hi) implements FromNode {
        @Override public BitSet bases() { return single(id); }
    }

    /** A reference to a recursive CTE: non-recursive term, then the recursive one until no new rows. */
    record RecursiveRel(int id, Query nonRecursive, Query recursive, boolean all, int workTable, int lo, int hi)
        implements FromNode {
        @Override public BitSet bases() { return single(id); }
    }

    /**
     * A function in FROM: a set-returning function ({@code function} with {@code args}) or a
     * scalar function ({@code scalar}, one row); with ordinality a bigint row number after its columns.
     */
    record FunctionRel(int id, org.tuskdb.sql.internal.function.TableFunctionDef function, Expression[] args,
                       Expression scalar, boolean ordinality, int lo, int hi) implements FromNode {
        @Override public BitSet bases() { return single(id); }
    }

    /**
     * UPDATE ... FROM / DELETE ... USING's target table: its columns at [lo, hi - 1), the tid of
     * the row at hi - 1 (so the join nodes carry it with the row's slice to ModifyTable).
     */
    record ModifyTarget(int id, org.tuskdb.sql.internal.catalog.TableDescriptor table, int lo, int hi)
        implements FromNode {
        @Override public BitSet bases() { return single(id); }

        public int tidSlot() { return hi - 1; }
    }

    /**
     * A LATERAL derived table or function (the right side of a join whose left side it reads):
     * re-evaluated per row of that left side, its references to it being outer references.
     */
    record Lateral(FromNode inner) implements FromNode {
        @Override public int lo() { return inner.lo(); }
        @Override public int hi() { return inner.hi(); }
        @Override public BitSet bases() { return inner.bases(); }
    }

    /** A join; on holds the ON conjuncts (also USING's / NATURAL's equalities). */
    record Join(JoinKind kind, FromNode left, FromNode right, List<Conjunct> on, int lo, int hi, BitSet bases)
        implements FromNode {}

    /**
     * One AND-ed condition and the base relations it reads. For {@code a = b} also the two
     * (coerced) operands with what each reads, so the planner can hash on them.
     */
    record Conjunct(Expression expr, BitSet bases, Expression left, Expression right, BitSet leftBases,
                    BitSet rightBases) {
        public boolean hasOperands() {
            return left != null;
        }
    }

    /** The AND of conjuncts as written (null for none, the one itself for one). */
    static Expression conjunction(List<Conjunct> quals) {
        if (quals.isEmpty()) {
            return null;
        }
        if (quals.size() == 1) {
            return quals.get(0).expr();
        }
        Expression[] args = new Expression[quals.size()];
        for (int i = 0; i < args.length; i++) {
            args[i] = quals.get(i).expr();
        }
        return new org.tuskdb.sql.internal.expr.BoolExpr(org.tuskdb.sql.internal.expr.BoolExpr.Op.AND, args);
    }

    private static BitSet single(int id) {
        BitSet b = new BitSet();
        b.set(id);
        return b;
    }
}
