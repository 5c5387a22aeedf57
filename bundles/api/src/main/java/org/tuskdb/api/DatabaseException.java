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
    /** The object an error is about (PostgreSQL's schema_name ... constraint_name fields); may be null. */
    private final ErrorObject object;
    /** Where the error happened (PostgreSQL's CONTEXT lines, e.g. "COPY t, line 3"); may be null. */
    private final String context;

    /**
     * What PostgreSQL's {@code errtable}/{@code errtablecol}/{@code errtableconstraint}/
     * {@code errdatatype} attach to an error: sent as the ErrorResponse fields s, t, c, d, n, which
     * drivers expose (JDBC's ServerErrorMessage.getTable() ...). Any component may be null.
     */
    public record ErrorObject(String schema, String table, String column, String dataType, String constraint) {
    }

    public DatabaseException(String sqlState, String message) {
        this(Severity.ERROR, sqlState, message, null, null, 0, null);
    }

    public DatabaseException(Severity severity, String sqlState, String message, String detail,
                             String hint, int position, Throwable cause) {
        this(severity, sqlState, message, detail, hint, position, cause, null);
    }

    /** @since 1.1 */
    public DatabaseException(Severity severity, String sqlState, String message, String detail,
                             String hint, int position, Throwable cause, ErrorObject object) {
        this(severity, sqlState, message, detail, hint, position, cause, object, null);
    }

    private DatabaseException(Severity severity, String sqlState, String message, String detail,
                              String hint, int position, Throwable cause, ErrorObject object, String context) {
        super(message, cause);
        this.severity = severity;
        this.sqlState = sqlState;
        this.detail = detail;
        this.hint = hint;
        this.position = position;
        this.object = object;
        this.context = context;
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
        return new DatabaseException(severity, sqlState, getMessage(), newDetail, hint, position, getCause(), object, context);
    }

    public DatabaseException withHint(String newHint) {
        return new DatabaseException(severity, sqlState, getMessage(), detail, newHint, position, getCause(), object, context);
    }

    public DatabaseException withPosition(int newPosition) {
        return new DatabaseException(severity, sqlState, getMessage(), detail, hint, newPosition, getCause(), object, context);
    }

    /** The error is about a table (PostgreSQL's errtable): schema and table fields. @since 1.1 */
    public DatabaseException withTable(String schema, String table) {
        return withObject(new ErrorObject(schema, table, null, null, null));
    }

    /** The error is about a column of a table (errtablecol), e.g. 23502. @since 1.1 */
    public DatabaseException withColumn(String schema, String table, String column) {
        return withObject(new ErrorObject(schema, table, column, null, null));
    }

    /** The error is about a constraint of a table (errtableconstraint), e.g. 23505, 23514, 23503. @since 1.1 */
    public DatabaseException withConstraint(String schema, String table, String constraint) {
        return withObject(new ErrorObject(schema, table, null, null, constraint));
    }

    /** The error is about a data type (errdatatype), e.g. a domain check. @since 1.1 */
    public DatabaseException withDataType(String schema, String dataType) {
        return withObject(new ErrorObject(schema, null, null, dataType, null));
    }

    /** @since 1.1 */
    public DatabaseException withObject(ErrorObject newObject) {
        return new DatabaseException(severity, sqlState, getMessage(), detail, hint, position, getCause(), newObject, context);
    }

    /**
     * Adds a line to the error's CONTEXT (innermost first, as PostgreSQL's error context stack
     * prints them). @since 1.2
     */
    public DatabaseException withContext(String line) {
        String c = context == null ? line : context + "\n" + line;
        return new DatabaseException(severity, sqlState, getMessage(), detail, hint, position, getCause(), object, c);
    }

    public Severity severity() { return severity; }
    public String sqlState() { return sqlState; }
    public String detail() { return detail; }
    public String hint() { return hint; }
    /** 1-based character position in the query string, 0 when none. */
    public int position() { return position; }
    /** The object the error is about, or null. @since 1.1 */
    public ErrorObject object() { return object; }
    /** The CONTEXT text (lines separated by newlines), or null. @since 1.2 */
    public String context() { return context; }
}
