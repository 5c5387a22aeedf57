package org.tuskdb.sql.internal.analyze;

import java.util.ArrayList;
import java.util.List;
import org.tuskdb.api.DatabaseException;
import org.tuskdb.api.SqlState;
import org.tuskdb.sql.internal.ast.Expr;
import org.tuskdb.sql.internal.ast.Statement;

/**
 * GROUP BY with grouping sets (ROLLUP, CUBE, GROUPING SETS, ()), answered as the UNION ALL of
 * one grouped query per set: each branch groups by its set's keys and reads the other keys of
 * the statement as typed NULLs (PostgreSQL's semantics for a column not in the current set), and
 * GROUPING(...) is a constant per branch. ORDER BY, LIMIT and OFFSET apply to the union, so they
 * name output columns (by name or position) as over any set operation. Sets multiply across
 * the top-level elements of the list, as parse_agg.c's expand_grouping_sets does.
 */
final class GroupingSets {
    private GroupingSets() {}

    /** PostgreSQL's limit on the expanded list. */
    private static final int MAX_SETS = 4096;

    /** One branch's grouping: its set's keys and every key of the statement (raw, before resolution). */
    record Branch(List<Expr> set, List<Expr> allKeys) {}

    static boolean present(List<Expr> groupBy) {
        for (Expr e : groupBy) {
            if (e instanceof Expr.GroupingSet) {
                return true;
            }
        }
        return false;
    }

    /** The list's grouping sets, each a list of key expressions, in PostgreSQL's order. */
    static List<List<Expr>> expand(List<Expr> groupBy, ParseState ps) {
        List<List<Expr>> result = new ArrayList<>();
        result.add(List.of());
        for (Expr element : groupBy) {
            List<List<Expr>> sets = element instanceof Expr.GroupingSet g ? setsOf(g) : List.of(List.of(element));
            List<List<Expr>> product = new ArrayList<>();
            for (List<Expr> left : result) {
                for (List<Expr> right : sets) {
                    List<Expr> both = new ArrayList<>(left);
                    both.addAll(right);
                    product.add(both);
                }
            }
            if (product.size() > MAX_SETS) {
                throw DatabaseException.atPosition("54001", "too many grouping sets present (maximum 4096)",
                    ps.position(element.location()));
            }
            result = product;
        }
        return result;
    }

    private static List<List<Expr>> setsOf(Expr.GroupingSet g) {
        List<List<Expr>> sets = new ArrayList<>();
        switch (g.kind()) {
            case EMPTY -> sets.add(List.of());
            case ROLLUP -> {
                for (int n = g.items().size(); n >= 0; n--) {
                    List<Expr> set = new ArrayList<>();
                    for (int i = 0; i < n; i++) {
                        set.addAll(unit(g.items().get(i)));
                    }
                    sets.add(set);
                }
            }
            case CUBE -> {
                int n = g.items().size();
                for (int mask = (1 << n) - 1; mask >= 0; mask--) {
                    List<Expr> set = new ArrayList<>();
                    for (int i = 0; i < n; i++) {
                        if ((mask & (1 << (n - 1 - i))) != 0) {
                            set.addAll(unit(g.items().get(i)));
                        }
                    }
                    sets.add(set);
                }
            }
            case SETS -> {
                for (Expr item : g.items()) {
                    if (item instanceof Expr.GroupingSet inner) {
                        sets.addAll(setsOf(inner));
                    } else {
                        sets.add(unit(item));
                    }
                }
            }
        }
        return sets;
    }

    /** A ROLLUP / CUBE / GROUPING SETS item: a parenthesized list is its elements, else the one expression. */
    private static List<Expr> unit(Expr item) {
        return item instanceof Expr.Row r ? r.args() : List.of(item);
    }

    /** Every distinct key of the sets, in first-appearance order. */
    static List<Expr> allKeys(List<List<Expr>> sets) {
        List<Expr> all = new ArrayList<>();
        for (List<Expr> set : sets) {
            for (Expr k : set) {
                if (indexOf(all, k) < 0) {
                    all.add(k);
                }
            }
        }
        return all;
    }

    static int indexOf(List<Expr> keys, Expr e) {
        for (int i = 0; i < keys.size(); i++) {
            if (RawExprs.equal(keys.get(i), e)) {
                return i;
            }
        }
        return -1;
    }

    /** The branch of one set: the SELECT with that GROUP BY and nothing that applies to the whole. */
    static Statement.Select branch(Statement.Select s, List<Expr> set) {
        return new Statement.Select(false, s.targets(), s.from(), s.where(), List.of(), null, null, null, null,
            s.location(), null, set, s.having(), null, null, s.windows());
    }

    /** The union of the branches, with the statement's ORDER BY, LIMIT, OFFSET and locking. */
    static Statement.Select union(Statement.Select s, List<Statement.Select> branches) {
        Statement.Select acc = branches.get(0);
        for (int i = 1; i < branches.size(); i++) {
            Statement.SetOp op = new Statement.SetOp(Statement.SetOpKind.UNION, true, acc, branches.get(i), s.location());
            boolean last = i == branches.size() - 1;
            acc = new Statement.Select(false, List.of(), List.of(), null, last ? s.orderBy() : List.of(),
                last ? s.limit() : null, last ? s.offset() : null, null, last ? s.rowLock() : null, s.location(), null,
                List.of(), null, op, null, List.of());
        }
        return acc;
    }
}
