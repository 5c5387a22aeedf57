package org.tuskdb.protocol.internal;

import org.tuskdb.api.DatabaseException;
import org.tuskdb.api.SqlState;

/** The FATAL errors of the protocol layer: bad bytes from the client end the session. */
final class ProtocolErrors {
    private ProtocolErrors() {}

    static DatabaseException violation(String message) {
        return DatabaseException.fatal(SqlState.PROTOCOL_VIOLATION, message);
    }

    static DatabaseException invalidFormat() {
        return violation("invalid message format");
    }

    static DatabaseException terminating() {
        return DatabaseException.fatal(SqlState.ADMIN_SHUTDOWN, "terminating connection due to administrator command");
    }

    static DatabaseException statementTimeout() {
        return DatabaseException.error(SqlState.QUERY_CANCELED, "canceling statement due to statement timeout");
    }

    static DatabaseException idleInTransactionTimeout() {
        return DatabaseException.fatal(SqlState.IDLE_IN_TRANSACTION_SESSION_TIMEOUT,
                "terminating connection due to idle-in-transaction timeout");
    }

    static DatabaseException idleSessionTimeout() {
        return DatabaseException.fatal(SqlState.IDLE_SESSION_TIMEOUT, "terminating connection due to idle-session timeout");
    }

    static DatabaseException canceled() {
        return DatabaseException.error(SqlState.QUERY_CANCELED, "canceling statement due to user request");
    }

    static DatabaseException connectionLost() {
        return DatabaseException.fatal(SqlState.CONNECTION_FAILURE, "connection to client lost");
    }

    static boolean endsSession(DatabaseException e) {
        return e.severity() == DatabaseException.Severity.FATAL || e.severity() == DatabaseException.Severity.PANIC;
    }
}
