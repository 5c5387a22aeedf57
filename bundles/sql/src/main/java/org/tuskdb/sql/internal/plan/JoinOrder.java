package org.tuskdb.sql.internal.plan;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import org.tuskdb.sql.internal.analyze.FromNode;
import org.tuskdb.sql.internal.ast.Statement.JoinKind;
import org.tuskdb.sql.internal.expr.Expression;

/**
 * The order of a FROM's inner joins (PostgreSQL's join search, joinrels.c / geqo): a maximal
 * tree of INNER / CROSS joins is flattened into its items (base relations, derived tables, and
 * outer joins, which keep their own legal order and are planned as one item) and the pool of its
 * conjuncts (ON of inner joins and the WHERE conjuncts pushed here are equivalent). Up to
 * {@link #DP_LIMIT} items the cheapest plan of every subset is found by dynamic programming over
 * its splits into two joined subsets (first only splits with a join clause between them, cross
 * products only where none exists); above that, greedily: the cheapest join of two current
 * components until one is left (PostgreSQL switches to GEQO at 12; the spirit is the same).
 *
 * <p>Rows are wide: a join copies its inner (build) side's slice {@code [lo, hi)} into the outer
 * row, so only a subset whose relations form one contiguous slice may be the inner side.
 * Conjuncts reading one item go into its plan; each other conjunct is applied at the lowest
 * join whose two sides together read all it reads; those reading no relation filter the result.
 */
final class JoinOrder {
    static final int DP_LIMIT = 8;

    private JoinOrder() {}

    /** A planned subset of the items. */
    private record Rel(Plan plan, BitSet bases, int lo, int hi, boolean contiguous, double cost) {}

    static Planner.Planned plan(Planner planner, FromNode.Join top, List<FromNode.Conjunct> pushed, int total) {
        List<FromNode> items = new ArrayList<>();
        List<FromNode.Conjunct> pool = new ArrayList<>(pushed);
        if (!flatten(planner, top, items, pool)) {
            return new Planner.Planned(planner.dummyPlan(), 0); // an ON condition is constant FALSE or NULL
        }
        List<FromNode.Conjunct> constant = new ArrayList<>();
        List<FromNode.Conjunct> joinQuals = new ArrayList<>();
        List<List<FromNode.Conjunct>> own = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            own.add(new ArrayList<>());
        }
        for (FromNode.Conjunct c : pool) {
            if (c.bases().isEmpty()) {
                constant.add(c);
                continue;
            }
            int home = -1;
            for (int i = 0; i < items.size() && home < 0; i++) {
                if (Planner.within(c.bases(), items.get(i).bases())) {
                    home = i;
                }
            }
            if (home >= 0) {
                own.get(home).add(c);
            } else {
                joinQuals.add(c);
            }
        }
        int n = items.size();
        Rel[] leaves = new Rel[n];
        for (int i = 0; i < n; i++) {
            FromNode item = items.get(i);
            Plan p = planner.planItem(item, own.get(i), total);
            leaves[i] = new Rel(p, item.bases(), item.lo(), item.hi(), true, planner.cost(p).total());
        }
        Rel result = n <= DP_LIMIT ? dynamic(planner, leaves, joinQuals) : greedy(planner, leaves, joinQuals);
        return new Planner.Planned(planner.filtered(result.plan(), constant), planner.cost(result.plan()).rows());
    }

    /**
     * The items of a tree of inner joins, in FROM order, and the ON conjuncts of those joins
     * (constants folded; a lateral right side stays one item); false when one of them is constant FALSE or NULL (no row at all).
     */
    private static boolean flatten(Planner planner, FromNode n, List<FromNode> items, List<FromNode.Conjunct> pool) {
        if (n instanceof FromNode.Join j && (j.kind() == JoinKind.INNER || j.kind() == JoinKind.CROSS)
            && !(j.right() instanceof FromNode.Lateral)) {
            if (!flatten(planner, j.left(), items, pool) || !flatten(planner, j.right(), items, pool)) {
                return false;
            }
            List<FromNode.Conjunct> on = planner.foldQuals(j.on());
            if (on == null) {
                return false;
            }
            pool.addAll(on);
        } else {
            items.add(n);
        }
        return true;
    }

    private static Rel dynamic(Planner planner, Rel[] leaves, List<FromNode.Conjunct> quals) {
        int n = leaves.length;
        Rel[] best = new Rel[1 << n];
        for (int i = 0; i < n; i++) {
            best[1 << i] = leaves[i];
        }
        for (int size = 2; size <= n; size++) {
            for (int mask = 1; mask < 1 << n; mask++) {
                if (Integer.bitCount(mask) != size) {
                    continue;
                }
                for (int pass = 0; pass < 2 && best[mask] == null; pass++) {
                    // ascending, so that among equal costs the order as written wins
                    for (int s1 = 1; s1 < mask; s1++) {
                        if ((s1 & ~mask) != 0) {
                            continue;
                        }
                        int s2 = mask ^ s1;
                        if (best[s1] == null || best[s2] == null) {
                            continue;
                        }
                        List<FromNode.Conjunct> between = between(quals, best[s1].bases(), best[s2].bases());
                        if (between.isEmpty() && pass == 0) {
                            continue;
                        }
                        Rel r = join(planner, best[s1], best[s2], between);
                        if (r != null && (best[mask] == null || r.cost() < best[mask].cost())) {
                            best[mask] = r;
                        }
                    }
                }
            }
        }
        return best[(1 << n) - 1];
    }

    private static Rel greedy(Planner planner, Rel[] leaves, List<FromNode.Conjunct> quals) {
        List<Rel> parts = new ArrayList<>(List.of(leaves));
        while (parts.size() > 1) {
            Rel bestRel = null;
            int bi = -1;
            int bj = -1;
            for (int pass = 0; pass < 2 && bestRel == null; pass++) {
                for (int i = 0; i < parts.size(); i++) {
                    for (int j = 0; j < parts.size(); j++) {
                        if (i == j) {
                            continue;
                        }
                        List<FromNode.Conjunct> between = between(quals, parts.get(i).bases(), parts.get(j).bases());
                        if (between.isEmpty() && pass == 0) {
                            continue;
                        }
                        Rel r = join(planner, parts.get(i), parts.get(j), between);
                        if (r != null && (bestRel == null || r.cost() < bestRel.cost())) {
                            bestRel = r;
                            bi = i;
                            bj = j;
                        }
                    }
                }
            }
            parts.remove(Math.max(bi, bj));
            parts.remove(Math.min(bi, bj));
            parts.add(bestRel);
        }
        return parts.get(0);
    }

    /** The conjuncts a join of the two sides applies: reading both, nothing else. */
    private static List<FromNode.Conjunct> between(List<FromNode.Conjunct> quals, BitSet a, BitSet b) {
        BitSet both = (BitSet) a.clone();
        both.or(b);
        List<FromNode.Conjunct> out = new ArrayList<>();
        for (FromNode.Conjunct c : quals) {
            if (Planner.within(c.bases(), both) && !Planner.within(c.bases(), a) && !Planner.within(c.bases(), b)) {
                out.add(c);
            }
        }
        return out;
    }

    /** The cheapest join with {@code outer} on the outer side; null when {@code inner} cannot be the inner side. */
    private static Rel join(Planner planner, Rel outer, Rel inner, List<FromNode.Conjunct> quals) {
        if (!inner.contiguous()) {
            return null;
        }
        List<Expression> ok = new ArrayList<>();
        List<Expression> ik = new ArrayList<>();
        for (FromNode.Conjunct c : quals) {
            if (!c.hasOperands() || !Planner.hashable(c.left().type(), c.right().type())
                || c.leftBases().isEmpty() || c.rightBases().isEmpty()) {
                continue;
            }
            if (Planner.within(c.leftBases(), outer.bases()) && Planner.within(c.rightBases(), inner.bases())) {
                ok.add(c.left());
                ik.add(c.right());
            } else if (Planner.within(c.leftBases(), inner.bases()) && Planner.within(c.rightBases(), outer.bases())) {
                ok.add(c.right());
                ik.add(c.left());
            }
        }
        Expression qual = Planner.conjunction(quals);
        Plan p;
        if (!ok.isEmpty()) {
            // only the hash join that builds on the inner side and the merge join: the mirrored
            // hash join is the split the other way round, which the search tries too
            p = planner.cheapestKeyedJoin(outer.plan(), inner.plan(), ok.toArray(new Expression[0]),
                ik.toArray(new Expression[0]), qual, outer.lo(), outer.hi(), inner.lo(), inner.hi(), false, false,
                false, true);
        } else {
            p = planner.instrumented(new NestedLoopJoinPlan(outer.plan(), inner.plan(), qual, inner.lo(), inner.hi(),
                false, false));
        }
        BitSet bases = (BitSet) outer.bases().clone();
        bases.or(inner.bases());
        int lo = Math.min(outer.lo(), inner.lo());
        int hi = Math.max(outer.hi(), inner.hi());
        boolean contiguous = outer.contiguous() && (outer.hi() == inner.lo() || inner.hi() == outer.lo());
        return new Rel(p, bases, lo, hi, contiguous, planner.cost(p).total());
    }
}
