package org.tuskdb.protocol.internal;

/**
 * The frontend message types a backend accepts after startup, and how long each may be.
 * ({@link ClientReader#next()} returns the type; the payload is {@link ClientReader#body()}.)
 */
final class FrontendMessage {
    private FrontendMessage() {}

    static final char QUERY = 'Q';
    static final char PARSE = 'P';
    static final char BIND = 'B';
    static final char DESCRIBE = 'D';
    static final char EXECUTE = 'E';
    static final char CLOSE = 'C';
    static final char SYNC = 'S';
    static final char FLUSH = 'H';
    static final char TERMINATE = 'X';
    static final char FUNCTION_CALL = 'F';
    static final char COPY_DATA = 'd';
    static final char COPY_DONE = 'c';
    static final char COPY_FAIL = 'f';

    /** PostgreSQL's limit for messages that carry queries or data: 1 GB. */
    static final int LARGE_LIMIT = 0x3FFFFFFE;
    /** PostgreSQL's limit for every other message type. */
    static final int SMALL_LIMIT = 10_000;

    /**
     * The largest payload a message of this type may have, or -1 when the type is not a frontend
     * message a backend accepts after startup.
     */
    static int maxPayload(char type) {
        return switch (type) {
            case QUERY, PARSE, BIND, FUNCTION_CALL, COPY_DATA -> LARGE_LIMIT;
            case DESCRIBE, EXECUTE, CLOSE, SYNC, FLUSH, TERMINATE, COPY_DONE, COPY_FAIL -> SMALL_LIMIT;
            default -> -1;
        };
    }
}
