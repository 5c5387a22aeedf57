package org.tuskdb.api.sql;

import java.util.List;

/**
 * What Describe of a prepared statement returns.
 *
 * @param parameterTypes the pg_type oid of each parameter ($1, $2, ...), inferred where the
 *                       client left it unspecified
 * @param columns the result columns (format 0), or null when the statement returns no rows
 */
public record StatementDescription(int[] parameterTypes, List<ColumnDescription> columns) {
}
