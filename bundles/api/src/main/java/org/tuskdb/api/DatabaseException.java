package org.tuskdb.api;

/**
 * The one error type of Tusk: what PostgreSQL's {@code ereport} carries. The protocol layer
 * turns it into an ErrorResponse (or NoticeResponse for severities below ERROR) field by field.
 */
public class DatabaseException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public enum Severity { ERROR, FATAL, PANIC, WARNING, NOTICE, DEBUG, INFO, LOG }

    private final Severity severity;
    private final String sqlState;
    private final String detail;
    private final String hint;
    private final int position;

    public DatabaseException(String sqlState, String message) {
        this(Severity.ERROR, sqlState, message, null, null, 0, null);
    }

    public DatabaseException(Severity severity, String sqlState, String message, String detail,
                             String hint, int position, Throwable cause) {
        super(message, cause);
        this.severity = severity;
        this.sqlState = sqlState;
        this.detail = detail;
        this.hint = hint;
        this.position = position;
    }

    public static DatabaseException error(String sqlState, String message) {
        return new DatabaseException(sqlState, message);
    }

    public static DatabaseException fatal(String sqlState, String message) {
        return new DatabaseException(Severity.FATAL, sqlState, message, null, null, 0, null);
    }

    /** A syntax-type error pointing at a 1-based character position in the query text. */
    public static DatabaseException atPosition(String sqlState, String message, int position) {
        return new DatabaseException(Severity.ERROR, sqlState, message, null, null, position, null);
    }

    public DatabaseException withDetail(String newDetail) {
        return new DatabaseException(severity, sqlState, getMessage(), newDetail, hint, position, getCause());
    }

    public DatabaseException withHint(String newHint) {
        return new DatabaseException(severity, sqlState, getMessage(), detail, newHint, position, getCause());
    }

    public DatabaseException withPosition(int newPosition) {
        return new DatabaseException(severity, sqlState, getMessage(), detail, hint, newPosition, getCause());
    }

    public Severity severity() { return severity; }
    public String sqlState() { return sqlState; }
    public String detail() { return detail; }
    public String hint() { return hint; }
    /** 1-based character position in the query string, 0 when none. */
    public int position() { return position; }
}
