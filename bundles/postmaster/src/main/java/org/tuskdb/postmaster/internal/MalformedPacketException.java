package org.tuskdb.postmaster.internal;

/**
 * A client's first packet does not have the shape the protocol requires. As in PostgreSQL, some
 * faults are only logged (a bad length: the peer may not speak the protocol at all), others are
 * answered with a FATAL protocol-violation error.
 */
class MalformedPacketException extends Exception {
    private static final long serialVersionUID = 1L;

    private final boolean reportToClient;

    MalformedPacketException(String message, boolean reportToClient) {
        super(message);
        this.reportToClient = reportToClient;
    }

    /** True when the client gets a FATAL 08P01 with this message; false: log only, just close. */
    boolean reportToClient() {
        return reportToClient;
    }
}
