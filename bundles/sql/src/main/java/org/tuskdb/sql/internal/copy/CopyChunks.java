package org.tuskdb.sql.internal.copy;

import org.tuskdb.api.sql.CopyInSource;

/**
 * The client's COPY FROM data as the CopyData pieces arrive, read byte by byte or in runs across
 * piece boundaries; nothing is buffered beyond the current piece. The end of the data is CopyDone.
 */
final class CopyChunks {
    private final CopyInSource source;
    private byte[] chunk = new byte[0];
    private int pos;
    private boolean eof;

    CopyChunks(CopyInSource source) {
        this.source = source;
    }

    /** The next byte (0-255), or -1 at the end of the data. */
    int read() {
        return available() ? chunk[pos++] & 0xff : -1;
    }

    /** The next byte without consuming it, or -1 at the end of the data. */
    int peek() {
        return available() ? chunk[pos] & 0xff : -1;
    }

    /** Copies up to {@code n} bytes into {@code into} at {@code offset}; how many, 0 at the end of the data. */
    int read(byte[] into, int offset, int n) {
        if (!available()) {
            return 0;
        }
        int k = Math.min(n, chunk.length - pos);
        System.arraycopy(chunk, pos, into, offset, k);
        pos += k;
        return k;
    }

    /** Reads what the client still sends up to CopyDone; true when that was any byte. */
    boolean drain() {
        boolean more = pos < chunk.length;
        pos = chunk.length;
        while (nextChunk()) {
            more |= chunk.length > 0;
            pos = chunk.length;
        }
        return more;
    }

    private boolean available() {
        while (pos >= chunk.length) {
            if (!nextChunk()) {
                return false;
            }
        }
        return true;
    }

    private boolean nextChunk() {
        if (eof) {
            return false;
        }
        byte[] b = source.next();
        if (b == null) {
            eof = true;
            return false;
        }
        chunk = b;
        pos = 0;
        return true;
    }
}
