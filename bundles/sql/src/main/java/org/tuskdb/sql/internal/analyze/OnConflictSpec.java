package org.tuskdb.sql.internal.analyze;

import java.util.List;
import org.tuskdb.sql.internal.catalog.IndexDescriptor;
import org.tuskdb.sql.internal.expr.Expression;

/**
 * An analyzed ON CONFLICT clause (PostgreSQL's OnConflictExpr).
 *
 * @param arbiters the unique indexes a proposed row is checked against (inferred from the
 *                 columns, named by ON CONSTRAINT, or every unique index for a bare DO NOTHING)
 * @param newRow   DO UPDATE: per table column, the new value over the row
 *                 {@code [existing columns..., EXCLUDED columns...]}; null for DO NOTHING
 * @param where    DO UPDATE's WHERE over the same row, or null
 */
public record OnConflictSpec(List<IndexDescriptor> arbiters, Expression[] newRow, Expression where) {
    public boolean doUpdate() {
        return newRow != null;
    }
}
