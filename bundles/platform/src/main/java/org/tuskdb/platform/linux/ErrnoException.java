package org.tuskdb.platform.linux;

import java.io.IOException;

/**
 * A system call failed. The message names the call, the errno's symbolic name and its
 * strerror text, e.g. {@code bind(127.0.0.1:5432) failed: EADDRINUSE (Address already in use)}.
 */
public final class ErrnoException extends IOException {
    private static final long serialVersionUID = 1L;

    private final int errno;

    public ErrnoException(String call, int errno) {
        super(call + " failed: " + Errno.name(errno) + " (" + Errno.message(errno) + ")");
        this.errno = errno;
    }

    /** The errno value, comparable with the constants of {@link Errno}. */
    public int errno() {
        return errno;
    }

    /** The errno's symbolic name, e.g. "ECONNRESET". */
    public String errnoName() {
        return Errno.name(errno);
    }
}
