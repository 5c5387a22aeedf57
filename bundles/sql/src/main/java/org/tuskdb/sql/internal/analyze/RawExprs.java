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

    /**
     * Each record class's component accessors (all but "location" marked by name), looked up once
     * per class: Class.getRecordComponents and Method.invoke on every call cost most of a
     * point SELECT's analysis (a new accessor each time).
     */
    private static final ClassValue<Component[]> COMPONENTS = new ClassValue<>() {
        @Override
        protected Component[] computeValue(Class<?> type) {
            RecordComponent[] rcs = type.getRecordComponents();
            Component[] out = new Component[rcs.length];
            for (int i = 0; i < rcs.length; i++) {
                try {
                    java.lang.reflect.Method m = rcs[i].getAccessor();
                    m.setAccessible(true);
                    out[i] = new Component(rcs[i].getName().equals("location"),
                        java.lang.invoke.MethodHandles.lookup().unreflect(m).asType(
                            java.lang.invoke.MethodType.methodType(Object.class, Object.class)));
                } catch (ReflectiveOperationException ex) {
                    throw new IllegalStateException(ex);
                }
            }
            return out;
        }
    };

    private record Component(boolean location, java.lang.invoke.MethodHandle getter) {
        Object get(Object o) {
            try {
                return getter.invokeExact(o);
            } catch (RuntimeException | Error e) {
                throw e;
            } catch (Throwable t) {
                throw new IllegalStateException(t);
            }
        }
    }

    static boolean containsAggregate(Expr e) {
        if (e == null || e instanceof Expr.SubLink) {
            return false;
        }
        if (e instanceof Expr.FuncCall f && f.over() == null
            && (f.star() || AggregateFunction.isAggregateName(f.functionName()))
            && (f.name().size() == 1 || f.name().size() == 2 && f.name().get(0).equals("pg_catalog"))) {
            return true;
        }
        for (Component rc : COMPONENTS.get(e.getClass())) {
            Object v = rc.get(e);
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

    /** The first node of the tree (depth first, in source order) that {@code test} accepts, or null. */
    static Expr find(Expr e, java.util.function.Predicate<Expr> test) {
        if (e == null) {
            return null;
        }
        if (test.test(e)) {
            return e;
        }
        for (Component rc : COMPONENTS.get(e.getClass())) {
            Expr hit = findIn(rc.get(e), test);
            if (hit != null) {
                return hit;
            }
        }
        return null;
    }

    private static Expr findIn(Object v, java.util.function.Predicate<Expr> test) {
        if (v instanceof Expr x) {
            return find(x, test);
        }
        if (v instanceof Expr.When w) {
            Expr hit = find(w.condition(), test);
            return hit != null ? hit : find(w.result(), test);
        }
        if (v instanceof List<?> list) {
            for (Object o : list) {
                Expr hit = findIn(o, test);
                if (hit != null) {
                    return hit;
                }
            }
        }
        return null;
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
        for (Component rc : COMPONENTS.get(a.getClass())) {
            if (rc.location()) {
                continue;
            }
            if (!equal(rc.get(a), rc.get(b))) {
                return false;
            }
        }
        return true;
    }

}
