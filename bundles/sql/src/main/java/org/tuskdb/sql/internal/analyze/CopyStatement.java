package org.tuskdb.sql.internal.analyze;

import java.util.List;
import org.tuskdb.sql.internal.catalog.TableDescriptor;
import org.tuskdb.sql.internal.copy.CopyOptions;
import org.tuskdb.sql.internal.expr.Expression;
import org.tuskdb.sql.internal.value.PgType;

/**
 * An analyzed COPY. FROM STDIN: the table, the copied columns' types (each record's fields are
 * read as these) and per table column the value to insert (a copied field or the column's
 * default), so the rows go through INSERT's checks and index maintenance. TO STDOUT: the query
 * whose rows are written (a table's columns, or COPY (query)). {@code refusal}: COPY FROM into
 * something that is not a table, refused once the client was told to send (as PostgreSQL does).
 * {@code fieldChecks}: per copied field of a domain column, the domain's checks over the field read
 * as column 0 (null for other fields, or no array when there is none), run where the field is read
 * so that errors name the column, as domain_in's do.
 */
public record CopyStatement(boolean from, TableDescriptor table, List<String> columnNames, PgType[] fieldTypes,
                            Expression[] projection, Query query, CopyOptions options,
                            org.tuskdb.api.DatabaseException refusal, Expression[] fieldChecks)
    implements AnalyzedStatement {
    public CopyStatement(boolean from, TableDescriptor table, List<String> columnNames, PgType[] fieldTypes,
                         Expression[] projection, Query query, CopyOptions options) {
        this(from, table, columnNames, fieldTypes, projection, query, options, null, null);
    }
}
