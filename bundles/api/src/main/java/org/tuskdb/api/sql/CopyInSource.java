package org.tuskdb.api.sql;

/**
 * The data of a COPY FROM STDIN as the client sends it: the payloads of its CopyData messages,
 * in order, cut wherever the client cut them (not at row boundaries).
 *
 * @since 1.1
 */
public interface CopyInSource {
    /**
     * The next CopyData payload, or null when the client sent CopyDone. Throws a
     * {@link org.tuskdb.api.DatabaseException}: 57014 when the client sent CopyFail (its message
     * in the error text), 08P01 for a message that does not belong in COPY, FATAL when the
     * connection is lost.
     */
    byte[] next();
}
