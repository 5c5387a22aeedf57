package org.tuskdb.postmaster.internal;

import org.tuskdb.api.SqlState;

/** Why the postmaster turns a client away before any backend sees it: the FATAL it sends. */
record Refusal(String sqlState, String message) {
    static final Refusal STARTING_UP = new Refusal(SqlState.CANNOT_CONNECT_NOW, "the database system is starting up");
    static final Refusal SHUTTING_DOWN = new Refusal(SqlState.CANNOT_CONNECT_NOW, "the database system is shutting down");
    static final Refusal IN_RECOVERY = new Refusal(SqlState.CANNOT_CONNECT_NOW, "the database system is in recovery mode");
    static final Refusal TOO_MANY_CLIENTS = new Refusal(SqlState.TOO_MANY_CONNECTIONS, "sorry, too many clients already");
    static final Refusal NO_BACKEND = new Refusal(SqlState.CANNOT_CONNECT_NOW,
            "the database system is not accepting connections: no backend process became available within authentication_timeout");

    static Refusal unsupportedProtocol(FirstPacket.UnsupportedProtocol packet) {
        return new Refusal(SqlState.FEATURE_NOT_SUPPORTED,
                "unsupported frontend protocol " + packet.describe() + ": server supports 3.0 to 3.0");
    }

    static Refusal protocolViolation(String message) {
        return new Refusal(SqlState.PROTOCOL_VIOLATION, message);
    }

    byte[] toErrorResponse() {
        return ErrorResponse.fatal(sqlState, message);
    }
}
