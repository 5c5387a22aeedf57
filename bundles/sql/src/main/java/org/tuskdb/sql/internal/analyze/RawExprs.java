package org.tuskdb.sql.internal.analyze;

import java.lang.reflect.RecordComponent;
import java.util.List;
import org.tuskdb.sql.internal.ast.Expr;
import org.tuskdb.sql.internal.function.AggregateFunction;

/**
 * Walks over raw expression trees generically (their records' components): whether a tree
 * contains an aggregate call of its own level, and structural equality ignoring source
 * locations (GROUP BY / ORDER BY expressions matched against the target list, as PostgreSQL
 * matches them with equal()). Analysis-time only, and only for queries that group or sort by
 * expressions; the reflection never runs per row.
 */
final class RawExprs {
    private RawExprs() {}

    static boolean containsAggregate(Expr e) {
        if (e == null || e instanceof Expr.SubLink) {
            return false;
        }
        if (e instanceof Expr.FuncCall f && f.over() == null
            && (f.star() || AggregateFunction.isAggregateName(f.functionName())) && f.name().size() == 1) {
            return true;
        }
        for (RecordComponent rc : e.getClass().getRecordComponents()) {
            Object v = value(rc, e);
            if (v instanceof Expr x && containsAggregate(x)) {
                return true;
            }
            if (v instanceof Expr.When w && (containsAggregate(w.condition()) || containsAggregate(w.result()))) {
                return true;
            }
            if (v instanceof List<?> list) {
                for (Object o : list) {
                    if (o instanceof Expr x && containsAggregate(x)) {
                        return true;
                    }
                    if (o instanceof Expr.When w && (containsAggregate(w.condition()) || containsAggregate(w.result()))) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    static boolean equal(Object a, Object b) {
        if (a == b) {
            return true;
        }
        if (a == null || b == null || a.getClass() != b.getClass()) {
            return false;
        }
        if (a instanceof List<?> la) {
            List<?> lb = (List<?>) b;
            if (la.size() != lb.size()) {
                return false;
            }
            for (int i = 0; i < la.size(); i++) {
                if (!equal(la.get(i), lb.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (!a.getClass().isRecord()) {
            return a.equals(b);
        }
        for (RecordComponent rc : a.getClass().getRecordComponents()) {
            if (rc.getName().equals("location")) {
                continue;
            }
            if (!equal(value(rc, a), value(rc, b))) {
                return false;
            }
        }
        return true;
    }

    private static Object value(RecordComponent rc, Object o) {
        try {
            return rc.getAccessor().invoke(o);
        } catch (ReflectiveOperationException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
