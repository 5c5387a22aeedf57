package org.tuskdb.sql.internal.catalog;

import java.util.List;
import org.tuskdb.sql.internal.expr.EvalContext;
import org.tuskdb.sql.internal.value.Value;

/**
 * A relation computed from process state rather than stored (pg_stat_activity now; pg_settings
 * and friends later). The analyzer binds column names against {@link #columns()}; the executor
 * asks for the rows when the scan starts.
 */
public interface SystemView extends Relation {
    /** The rows, each with one value per column (null for NULL), read at scan start. */
    List<Value[]> rows(EvalContext ctx);
}
