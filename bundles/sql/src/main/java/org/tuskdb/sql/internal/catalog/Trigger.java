package org.tuskdb.sql.internal.catalog;

import java.util.List;
import org.tuskdb.sql.internal.expr.Expression;

/**
 * One user trigger of a table as the relation cache holds it: its pg_trigger row, the function it
 * calls (read from pg_proc when the table is loaded, so a catalog change that replaces the
 * function reloads the table) and its WHEN condition analyzed over the row {@code [OLD columns...,
 * NEW columns...]}. Immutable.
 *
 * @param type pg_trigger.tgtype: ROW 1, BEFORE 2, INSERT 4, DELETE 8, UPDATE 16, TRUNCATE 32, INSTEAD 64
 * @param enabled tgenabled: O (origin, the default), D (disabled), R (replica), A (always)
 * @param attnums UPDATE OF's columns as attnums (tgattr), empty without a list
 * @param columns the same columns as 0-based positions among the live columns
 * @param whenText the WHEN condition's source text (tgqual), or null
 * @param when the analyzed WHEN condition, or null
 * @param function the trigger function, or null when its pg_proc row is gone
 */
public record Trigger(long oid, long relid, String name, long functionOid, int type, char enabled, List<String> args,
                      int[] attnums, int[] columns, String whenText, Expression when, UserFunction function) {
    public static final int ROW = 1, BEFORE = 2, INSERT = 4, DELETE = 8, UPDATE = 16, TRUNCATE = 32, INSTEAD = 64;

    public boolean row() { return (type & ROW) != 0; }
    public boolean before() { return (type & BEFORE) != 0; }
    public boolean instead() { return (type & INSTEAD) != 0; }
    public boolean after() { return (type & (BEFORE | INSTEAD)) == 0; }

    /** Whether a session in the default session_replication_role (origin) fires it. */
    public boolean firesInOrigin() { return enabled == 'O' || enabled == 'A'; }

    /** TG_WHEN's text. */
    public String timingName() { return before() ? "BEFORE" : instead() ? "INSTEAD OF" : "AFTER"; }
}
