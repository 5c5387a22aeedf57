package org.tuskdb.api.sql;

import java.util.List;
import org.tuskdb.api.DatabaseException;

/**
 * Where a session writes what a statement produces, in protocol order. The protocol bundle
 * implements it by writing messages to the client.
 */
public interface ResultSink {
    /** Simple query only: the columns of the row-returning statement that follows. */
    void rowDescription(List<ColumnDescription> columns);

    /** One row; element i is column i's encoding in the column's format, null for SQL NULL. */
    void dataRow(byte[][] values);

    /** The statement's command tag, e.g. "SELECT 1", "SET", "BEGIN". */
    void commandComplete(String tag);

    /** Simple query only: the query string held no statement. */
    void emptyQuery();

    /** A notice or warning (severity below ERROR). */
    void notice(DatabaseException notice);

    /** A reported setting changed (application_name, TimeZone, ...): send ParameterStatus. */
    void parameterStatus(String name, String value);
}
