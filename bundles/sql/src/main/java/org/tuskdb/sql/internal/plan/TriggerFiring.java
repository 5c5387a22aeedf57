package org.tuskdb.sql.internal.plan;

import java.util.ArrayList;
import java.util.List;
import org.tuskdb.api.DatabaseException;
import org.tuskdb.api.SqlState;
import org.tuskdb.sql.internal.catalog.TableDescriptor;
import org.tuskdb.sql.internal.catalog.Trigger;
import org.tuskdb.sql.internal.catalog.TriggerSet;
import org.tuskdb.sql.internal.expr.EvalContext;
import org.tuskdb.sql.internal.plpgsql.Plpgsql;
import org.tuskdb.sql.internal.plpgsql.Spi;
import org.tuskdb.sql.internal.value.BoolValue;
import org.tuskdb.sql.internal.value.RecordValue;
import org.tuskdb.sql.internal.value.Value;

/**
 * The user triggers of one statement over one table (PostgreSQL's trigger.c for one ModifyTable
 * or one cascaded foreign key action). Made only for a table whose {@link TriggerSet} is not
 * empty, so a table without triggers pays nothing. Rules:
 *
 * <ol>
 *   <li>BEFORE triggers fire in name order, each seeing the row the previous one returned; one
 *       returning NULL skips the row's operation (and the later triggers); a row returned for
 *       INSERT or UPDATE replaces the new row, whose NOT NULL and CHECK constraints the caller
 *       checks after the triggers.</li>
 *   <li>AFTER ROW events are queued per row (each row's triggers in name order) and fired when the
 *       statement's rows are all done, after a command counter increment, so they see everything
 *       the statement wrote; AFTER STATEMENT triggers fire after them.</li>
 *   <li>Statement triggers fire once per statement, also for zero rows.</li>
 *   <li>A WHEN condition is evaluated over {@code [OLD..., NEW...]} just before its trigger would
 *       fire; an UPDATE OF trigger fires only when the statement sets one of its columns.</li>
 *   <li>Trigger functions nest (a trigger's statement fires triggers); beyond {@link #MAX_DEPTH}
 *       levels, or when the Java stack runs out first, the statement fails with 54001 as
 *       PostgreSQL's stack depth check does, instead of killing the backend.</li>
 * </ol>
 */
public final class TriggerFiring {
    /** How deep trigger firings may nest (PostgreSQL's limit is its max_stack_depth; 2 MB allow about this many). */
    static final int MAX_DEPTH = 100;

    private final TableDescriptor table;
    private final TriggerSet set;
    private final EvalContext ctx;
    /** The columns the statement's SET list assigns (UPDATE OF), or null: every column. */
    private final boolean[] updatedColumns;
    private final List<Event> queue = new ArrayList<>();

    private record Event(Trigger trigger, int event, Value[] oldRow, Value[] newRow) {}

    /** The firing state of a statement over {@code table}, or null when the table has no triggers. */
    public static TriggerFiring of(TableDescriptor table, EvalContext ctx, boolean[] updatedColumns) {
        return table.triggers().isEmpty() ? null : new TriggerFiring(table, ctx, updatedColumns);
    }

    private TriggerFiring(TableDescriptor table, EvalContext ctx, boolean[] updatedColumns) {
        this.table = table;
        this.set = table.triggers();
        this.ctx = ctx;
        this.updatedColumns = updatedColumns;
    }

    /** Whether an enabled BEFORE ROW trigger fires for this event. */
    public boolean hasBeforeRow(int event) {
        return set.firing(TriggerSet.BEFORE, event, true).length > 0;
    }

    /** Whether any enabled row trigger fires for this event (COPY's batches are off then). */
    public boolean hasRowTriggers(int event) {
        return set.hasRowTriggers(event);
    }

    public void beforeStatement(int event) {
        for (Trigger t : set.firing(TriggerSet.BEFORE, event, false)) {
            if (fires(t, null, null)) {
                fire(t, event, false, null, null);
            }
        }
    }

    /** Queues the AFTER STATEMENT triggers of the event (they fire after the queued row events). */
    public void afterStatement(int event) {
        for (Trigger t : set.firing(TriggerSet.AFTER, event, false)) {
            queue.add(new Event(t, event, null, null));
        }
    }

    /** BEFORE ROW INSERT: the row to insert, or null to skip it. */
    public Value[] beforeInsert(Value[] row) {
        return beforeRow(Trigger.INSERT, null, row);
    }

    /** BEFORE ROW UPDATE: the new row, or null to skip the update. */
    public Value[] beforeUpdate(Value[] old, Value[] row) {
        return beforeRow(Trigger.UPDATE, old, row);
    }

    /** BEFORE ROW DELETE: whether the delete goes on. */
    public boolean beforeDelete(Value[] old) {
        return beforeRow(Trigger.DELETE, old, null) != null;
    }

    private Value[] beforeRow(int event, Value[] old, Value[] row) {
        return chain(TriggerSet.BEFORE, event, old, row);
    }

    /**
     * INSTEAD OF ROW (a view's row): the triggers in name order, each seeing the row the previous
     * returned; the row RETURNING sees (NEW, or OLD for DELETE), or null when one returned NULL
     * (the row is not counted and the later triggers do not fire).
     */
    public Value[] instead(int event, Value[] old, Value[] row) {
        return chain(TriggerSet.INSTEAD, event, old, row);
    }

    /** The row triggers of a timing that return rows (BEFORE, INSTEAD OF), in name order, each given the last one's row. */
    private Value[] chain(int timing, int event, Value[] old, Value[] row) {
        Value[] current = row;
        for (Trigger t : set.firing(timing, event, true)) {
            if (!fires(t, old, current)) {
                continue;
            }
            Value r = fire(t, event, true, old, current);
            if (r == null) {
                return null;
            }
            if (event != Trigger.DELETE) {
                try {
                    current = asRow(r);
                } catch (DatabaseException e) {
                    throw e.withContext("PL/pgSQL function " + t.function().identity() + " during function exit");
                }
            }
        }
        return event == Trigger.DELETE ? old : current;
    }

    public void afterInsert(Value[] row) {
        queueRow(Trigger.INSERT, null, row);
    }

    public void afterUpdate(Value[] old, Value[] row) {
        queueRow(Trigger.UPDATE, old, row);
    }

    public void afterDelete(Value[] old) {
        queueRow(Trigger.DELETE, old, null);
    }

    private void queueRow(int event, Value[] old, Value[] row) {
        for (Trigger t : set.firing(TriggerSet.AFTER, event, true)) {
            if (fires(t, old, row)) { // AfterTriggerSaveEvent checks WHEN when it queues
                queue.add(new Event(t, event, old == null ? null : old.clone(), row == null ? null : row.clone()));
            }
        }
    }

    /** Fires the queued AFTER events in order (at the end of the statement). */
    public void runAfter() {
        if (queue.isEmpty()) {
            return;
        }
        ctx.storage().transaction().commandCounterIncrement();
        for (int i = 0; i < queue.size(); i++) {
            Event e = queue.get(i);
            fire(e.trigger(), e.event(), e.oldRow() != null || e.newRow() != null, e.oldRow(), e.newRow());
        }
        queue.clear();
    }

    /** UPDATE OF and WHEN. */
    private boolean fires(Trigger t, Value[] old, Value[] row) {
        if (t.columns().length > 0 && updatedColumns != null && old != null && row != null) {
            boolean any = false;
            for (int c : t.columns()) {
                any |= c >= 0 && updatedColumns[c];
            }
            if (!any) {
                return false;
            }
        }
        if (t.when() == null) {
            return true;
        }
        int n = table.columns().size();
        Value[] both = new Value[2 * n];
        if (old != null) {
            System.arraycopy(old, 0, both, 0, n);
        }
        if (row != null) {
            System.arraycopy(row, 0, both, n, n);
        }
        return t.when().eval(both, ctx) instanceof BoolValue b && b.value();
    }

    private Value fire(Trigger t, int event, boolean row, Value[] old, Value[] nw) {
        if (t.function() == null) {
            throw DatabaseException.error(SqlState.INTERNAL_ERROR, "cache lookup failed for function " + t.functionOid());
        }
        Spi spi = ctx.spi();
        if (spi == null) {
            throw DatabaseException.error(SqlState.FEATURE_NOT_SUPPORTED, "triggers cannot fire here yet");
        }
        int[] depth = spi.triggerDepth();
        if (depth[0] >= MAX_DEPTH) {
            throw stackDepth();
        }
        depth[0]++;
        try {
            return Plpgsql.fireTrigger(spi, new Plpgsql.TriggerCall(t, table, opName(event), row,
                old == null ? null : java.util.Arrays.copyOf(old, table.columns().size()),
                nw == null ? null : java.util.Arrays.copyOf(nw, table.columns().size())), ctx);
        } catch (StackOverflowError e) {
            throw stackDepth();
        } finally {
            depth[0]--;
        }
    }

    /** check_stack_depth's error. */
    static DatabaseException stackDepth() {
        return DatabaseException.error("54001", "stack depth limit exceeded").withHint("Increase the configuration "
            + "parameter \"max_stack_depth\" (currently 2048kB), after ensuring the platform's stack depth limit is "
            + "adequate.");
    }

    private static String opName(int event) {
        return switch (event) {
            case Trigger.INSERT -> "INSERT";
            case Trigger.UPDATE -> "UPDATE";
            case Trigger.DELETE -> "DELETE";
            default -> "TRUNCATE";
        };
    }

    /** A BEFORE trigger's returned record as a row of the table (42804 when its shape differs). */
    private Value[] asRow(Value r) {
        if (!(r instanceof RecordValue rec)) {
            throw DatabaseException.error(SqlState.DATATYPE_MISMATCH, "returned row structure does not match the "
                + "structure of the triggering table");
        }
        int n = table.columns().size();
        for (int i = 0; i < Math.min(n, rec.fieldCount()); i++) { // convert_tuples_by_position: types first
            var want = table.columns().get(i).type();
            var got = rec.type().fieldCount() > i ? rec.type().fieldType(i) : want;
            if (!got.equals(want)) {
                throw DatabaseException.error(SqlState.DATATYPE_MISMATCH, "returned row structure does not match the "
                    + "structure of the triggering table").withDetail("Returned type " + got.displayName()
                    + " does not match expected type " + want.displayName() + " in column " + (i + 1) + ".");
            }
        }
        if (rec.fieldCount() != n) {
            throw DatabaseException.error(SqlState.DATATYPE_MISMATCH, "returned row structure does not match the "
                + "structure of the triggering table").withDetail("Number of returned columns (" + rec.fieldCount()
                + ") does not match expected column count (" + n + ").");
        }
        return rec.fields().clone(); // NEW's fields have the columns' types (a row variable converts what it is given)
    }
}
