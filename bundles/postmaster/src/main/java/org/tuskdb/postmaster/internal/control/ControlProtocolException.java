package org.tuskdb.postmaster.internal.control;

import java.io.IOException;

/** The other end of a control connection sent bytes that are not a valid frame. */
public class ControlProtocolException extends IOException {
    private static final long serialVersionUID = 1L;

    public ControlProtocolException(String message) {
        super(message);
    }
}
