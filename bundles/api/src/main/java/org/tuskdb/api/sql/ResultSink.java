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

    /**
     * COPY ... FROM STDIN: tells the client to send its data (CopyInResponse, text format,
     * that many columns) and returns what it sends. A sink that cannot read from its client
     * refuses with 0A000.
     *
     * @since 1.1
     */
    default CopyInSource copyIn(int columns) {
        throw DatabaseException.error(org.tuskdb.api.SqlState.FEATURE_NOT_SUPPORTED,
            "COPY FROM STDIN is not supported on this connection");
    }

    /**
     * COPY ... FROM STDIN in the given format: {@code binary} announces the binary COPY format
     * (overall format 1, every column 1) in the CopyInResponse. The default serves the text
     * format only.
     *
     * @since 1.3
     */
    default CopyInSource copyIn(int columns, boolean binary) {
        if (binary) {
            throw DatabaseException.error(org.tuskdb.api.SqlState.FEATURE_NOT_SUPPORTED,
                "COPY FROM STDIN in the binary format is not supported on this connection");
        }
        return copyIn(columns);
    }

    /**
     * COPY ... TO STDOUT in the given format ({@code binary}: overall format 1, every column 1 in
     * the CopyOutResponse). The default serves the text format only.
     *
     * @since 1.3
     */
    default void copyOut(int columns, boolean binary) {
        if (binary) {
            throw DatabaseException.error(org.tuskdb.api.SqlState.FEATURE_NOT_SUPPORTED,
                "COPY TO STDOUT in the binary format is not supported on this connection");
        }
        copyOut(columns);
    }

    /**
     * COPY ... TO STDOUT: starts the data (CopyOutResponse, text format, that many columns);
     * {@link #copyData} then carries it and {@link #copyDone} ends it, before the command tag.
     *
     * @since 1.1
     */
    default void copyOut(int columns) {
        throw DatabaseException.error(org.tuskdb.api.SqlState.FEATURE_NOT_SUPPORTED,
            "COPY TO STDOUT is not supported on this connection");
    }

    /** A piece of COPY TO STDOUT's data (CopyData; the engine sends one row per call). @since 1.1 */
    default void copyData(byte[] data, int length) {
        throw new IllegalStateException("copyData without copyOut");
    }

    /** The end of COPY TO STDOUT's data (CopyDone). @since 1.1 */
    default void copyDone() {
        throw new IllegalStateException("copyDone without copyOut");
    }
}
