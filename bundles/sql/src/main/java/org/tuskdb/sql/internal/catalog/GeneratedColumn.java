package org.tuskdb.sql.internal.catalog;

import org.tuskdb.sql.internal.expr.Expression;

/**
 * A stored generated column's analyzed expression (over the table's row, coerced to the column's
 * type) and the columns it reads, by position: an UPDATE that assigns none of them does not count
 * the generated column as updated (UPDATE OF triggers; ExecGetExtraUpdatedCols).
 */
public record GeneratedColumn(Expression expr, boolean[] reads) {

    /** Whether an UPDATE assigning {@code updated} (by position) changes this column. */
    public boolean updatedBy(boolean[] updated) {
        for (int i = 0; i < reads.length && i < updated.length; i++) {
            if (reads[i] && updated[i]) {
                return true;
            }
        }
        return false;
    }
}
