package org.tuskdb.sql.internal.session;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.tuskdb.sql.internal.expr.DeferredChecks;
import org.tuskdb.sql.internal.expr.EvalContext;

/**
 * A transaction's deferred constraint checks and its SET CONSTRAINTS modes (PostgreSQL's
 * afterTriggers state: the deferred event list and SetConstraintState). Belongs to the session,
 * emptied at transaction end.
 */
final class DeferredConstraints implements DeferredChecks {
    private record Pending(String constraint, Consumer<EvalContext> check) {}

    private final List<Pending> pending = new ArrayList<>();
    /** SET CONSTRAINTS ALL: null until one, then deferred or not. */
    private Boolean all;
    private final Map<String, Boolean> named = new HashMap<>();

    @Override
    public boolean deferred(String constraint, boolean initiallyDeferred) {
        Boolean mode = named.get(constraint);
        if (mode != null) {
            return mode;
        }
        return all != null ? all : initiallyDeferred;
    }

    @Override
    public void defer(String constraint, Consumer<EvalContext> check) {
        pending.add(new Pending(constraint, check));
    }

    int size() {
        return pending.size();
    }

    boolean isEmpty() {
        return pending.isEmpty();
    }

    /** ROLLBACK TO: the checks deferred after the savepoint go with its rows. */
    void truncate(int mark) {
        pending.subList(Math.min(mark, pending.size()), pending.size()).clear();
    }

    void clear() {
        pending.clear();
        all = null;
        named.clear();
    }

    /** SET CONSTRAINTS ALL / names: the new mode (an earlier ALL is overridden by names, names by ALL). */
    void setMode(List<String> names, boolean deferred) {
        if (names.isEmpty()) {
            all = deferred;
            named.clear();
        } else {
            for (String n : names) {
                named.put(n, deferred);
            }
        }
    }

    /** Runs (and removes) the pending checks of the constraints {@code which} selects, in order. */
    void run(Predicate<String> which, EvalContext ctx) {
        List<Pending> run = new ArrayList<>();
        pending.removeIf(p -> which.test(p.constraint()) && run.add(p));
        for (Pending p : run) {
            p.check().accept(ctx);
        }
    }
}
