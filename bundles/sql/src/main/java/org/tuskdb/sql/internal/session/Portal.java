package org.tuskdb.sql.internal.session;

import java.util.List;
import org.tuskdb.sql.internal.plan.RowCursor;
import org.tuskdb.sql.internal.value.Value;

/**
 * A statement bound to parameter values and result formats, possibly part-way through its rows
 * (Execute with a row limit suspends it). Portals end with their transaction.
 */
final class Portal {
    final String name;
    PreparedStatement statement;
    /** Heap scans and the like the portal's execution opened, closed when it ends. */
    final java.util.List<AutoCloseable> resources = new java.util.ArrayList<>();
    /** The execution has begun (locks taken, snapshot set). */
    boolean started;
    final Value[] parameters;
    final short[] resultFormats;
    /** No column asked for binary: the statement's text description applies. */
    private final boolean allText;
    /** The plan this portal runs (chosen at Bind: the statement's one-shot, custom or generic plan); null for utilities. */
    org.tuskdb.sql.internal.plan.Planner.PlannedQuery plan;
    RowCursor cursor;
    /** The cursor when it is a ModifyTable's (for the command tag). */
    org.tuskdb.sql.internal.plan.ModifyTablePlan.ModifyCursor modifyCursor;
    /** Rows of a utility statement (SHOW), computed at the first Execute. */
    List<Value[]> utilityRows;
    int utilityNext;
    String utilityTag;
    boolean done;

    Portal(String name, PreparedStatement statement, Value[] parameters, short[] resultFormats) {
        this.name = name;
        this.statement = statement;
        this.parameters = parameters;
        this.resultFormats = resultFormats;
        boolean text = true;
        if (resultFormats != null) {
            for (short f : resultFormats) {
                text &= f == 0;
            }
        }
        this.allText = text;
        this.plan = statement.plan();
    }

    /** Closes what the execution opened; safe to call more than once. */
    void closeResources() {
        for (int i = resources.size() - 1; i >= 0; i--) {
            try {
                resources.get(i).close();
            } catch (Exception e) {
                // a scan that fails to close has nothing left to release
            }
        }
        resources.clear();
    }

    boolean allText() {
        return allText;
    }

    short format(int column) {
        if (resultFormats == null || resultFormats.length == 0) {
            return 0;
        }
        return resultFormats.length == 1 ? resultFormats[0] : resultFormats[column];
    }
}
