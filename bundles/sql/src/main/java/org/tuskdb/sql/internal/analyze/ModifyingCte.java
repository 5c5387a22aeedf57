package org.tuskdb.sql.internal.analyze;

import java.util.List;

/**
 * A data-modifying statement in WITH ({@code WITH d AS (DELETE ... RETURNING ...)}): run once,
 * to completion, before the statement it belongs to, whether or not that statement reads it all;
 * its RETURNING rows are what {@link FromNode.CteScanRel} reads. The object's identity is the key
 * of those rows in an execution's state (the same analyzed statement may be planned again).
 * {@code columns} are the names FROM sees (the CTE's column list over RETURNING's), empty
 * without RETURNING. {@code afterMain}: nothing reads it, so it runs after the main statement, as
 * PostgreSQL's ExecPostprocessPlan runs a CTE no CTE Scan pulled (a CTE that is read runs
 * before, where PostgreSQL runs it as its rows are pulled).
 */
public record ModifyingCte(String name, ModifyQuery query, List<String> columns, boolean afterMain) {
    public ModifyingCte(String name, ModifyQuery query, List<String> columns) {
        this(name, query, columns, false);
    }
}
