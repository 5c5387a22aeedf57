package org.tuskdb.api.sql;

import java.util.List;
import java.util.Map;

/**
 * One client session: its settings, prepared statements, portals and transaction. Methods throw
 * {@link org.tuskdb.api.DatabaseException}; when one does, the session has already applied
 * PostgreSQL's rules (an explicit transaction block becomes failed, 25P02 until ROLLBACK; an
 * implicit one is rolled back at the next {@link #sync()} or at the end of the simple query).
 */
public interface SqlSession extends AutoCloseable {
    /** The settings reported to the client at startup as ParameterStatus messages. */
    Map<String, String> reportedParameters();

    /** Runs every statement of a simple Query message, in one implicit transaction unless the text controls it. */
    void simpleQuery(String sql, ResultSink sink);

    /** Parse: creates a prepared statement ("" is the unnamed one, replaced freely). */
    void parse(String statementName, String sql, int[] parameterTypes);

    StatementDescription describeStatement(String statementName);

    /** Bind: creates a portal ("" unnamed) from a statement and parameter values (null = NULL). */
    void bind(String portalName, String statementName, short[] parameterFormats, byte[][] parameters,
              short[] resultFormats);

    /** The portal's result columns in their result formats, or null when it returns no rows. */
    List<ColumnDescription> describePortal(String portalName);

    /**
     * Execute: runs the portal, at most maxRows rows (0 = all). Returns true when rows remain
     * (PortalSuspended); otherwise the command tag has been sent to the sink.
     */
    boolean execute(String portalName, int maxRows, ResultSink sink);

    void closeStatement(String statementName);

    void closePortal(String portalName);

    /** Sync: ends the extended-protocol cycle, committing an implicit transaction. */
    void sync();

    /** 'I' idle, 'T' in a transaction block, 'E' in a failed transaction block. */
    char transactionStatus();

    /**
     * Hands the client's pending asynchronous notifications (LISTEN / NOTIFY) to the sink, oldest
     * first, and forgets them. The protocol calls it only outside a transaction block: before
     * ReadyForQuery, and when the backend is woken while it waits for the client. Cheap when the
     * session listens on nothing.
     *
     * @since 1.2
     */
    default void deliverNotifications(NotificationSink sink) {
    }

    /**
     * How long the session may wait for the client's next command before it is ended, in
     * milliseconds (0: forever): idle_in_transaction_session_timeout inside a transaction block,
     * idle_session_timeout outside one. The protocol asks before each wait.
     *
     * @since 1.3
     */
    default long idleTimeoutMillis() {
        return 0;
    }

    /** Ends the session: rolls back what is open and frees everything it holds. */
    @Override
    void close();
}
