package org.tuskdb.sql.internal.copy;

import java.util.Arrays;
import org.tuskdb.api.DatabaseException;
import org.tuskdb.api.sql.CopyInSource;

/**
 * COPY FROM's binary format (PostgreSQL's "Binary Format" of COPY): the 11-byte signature
 * {@code PGCOPY\n\377\r\n\0}, a 32-bit flags field (bit 16, OIDs, and the other critical bits
 * 17-31 must be clear), a 32-bit header extension length and that many bytes, skipped; then one
 * tuple per record: a 16-bit field count ({@code -1} is the trailer that ends the data), per field
 * a 32-bit length ({@code -1}: NULL) and the value in its type's binary send format. All numbers
 * are in network byte order. Data after the trailer up to CopyDone is read and dropped; a stream
 * that ends without a trailer is accepted, as PostgreSQL accepts it.
 */
public final class BinaryCopyDecoder {
    static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0};
    private final CopyChunks data;
    private final int columns;
    private boolean headerRead;
    private boolean ended;
    private long line;
    private byte[][] fields;
    /** Scratch for the 16- and 32-bit numbers: no allocation per tuple or field. */
    private final byte[] word = new byte[4];
    /** The field being read (for the error context's column), -1 outside a field. */
    private int field = -1;

    public BinaryCopyDecoder(CopyInSource source, int columns) {
        this.data = new CopyChunks(source);
        this.columns = columns;
        this.fields = new byte[columns][];
    }

    /** The number of the tuple last returned (1-based), for error context lines. */
    public long line() {
        return line;
    }

    /** The index of the field whose bytes were being read when an error was raised, or -1. */
    public int field() {
        return field;
    }

    /** The next tuple's fields (null for NULL), valid until the next call; null at the end. */
    public byte[][] next() {
        if (!headerRead) {
            header();
            headerRead = true;
        }
        if (ended) {
            return null;
        }
        if (!readFully(word, 2, true)) {
            ended = true; // the stream ended at a tuple boundary without the trailer
            return null;
        }
        line++;
        int n = (short) ((word[0] & 0xff) << 8 | word[1] & 0xff);
        if (n == -1) {
            ended = true;
            drainAfterTrailer();
            return null;
        }
        if (n != columns) {
            throw DatabaseException.error(CopyDecoder.BAD_COPY_FILE_FORMAT,
                "row field count is " + n + ", expected " + columns);
        }
        for (int i = 0; i < n; i++) {
            field = i;
            int length = int32();
            if (length == -1) {
                fields[i] = null;
                continue;
            }
            if (length < 0) {
                throw DatabaseException.error(CopyDecoder.BAD_COPY_FILE_FORMAT, "invalid field size");
            }
            byte[] value = new byte[length];
            readFully(value, length, false);
            fields[i] = value;
        }
        field = -1;
        return fields;
    }

    private void header() {
        byte[] signature = new byte[SIGNATURE.length];
        if (!readFully(signature, signature.length, true) || !Arrays.equals(signature, SIGNATURE)) {
            throw DatabaseException.error(CopyDecoder.BAD_COPY_FILE_FORMAT, "COPY file signature not recognized");
        }
        int flags = headerInt("invalid COPY file header (missing flags)");
        if ((flags & (1 << 16)) != 0) {
            throw DatabaseException.error(CopyDecoder.BAD_COPY_FILE_FORMAT,
                "invalid COPY file header (WITH OIDS)");
        }
        if ((flags & 0xffff_0000) != 0) {
            throw DatabaseException.error(CopyDecoder.BAD_COPY_FILE_FORMAT,
                "unrecognized critical flags in COPY file header");
        }
        int extension = headerInt("invalid COPY file header (missing length)");
        if (extension < 0) {
            throw DatabaseException.error(CopyDecoder.BAD_COPY_FILE_FORMAT, "invalid COPY file header (missing length)");
        }
        byte[] skip = new byte[Math.min(extension, 8192)];
        for (int left = extension; left > 0; left -= skip.length) {
            if (!readFully(skip, Math.min(left, skip.length), true)) {
                throw DatabaseException.error(CopyDecoder.BAD_COPY_FILE_FORMAT, "invalid COPY file header (wrong length)");
            }
        }
    }

    private int headerInt(String missing) {
        if (!readFully(word, 4, true)) {
            throw DatabaseException.error(CopyDecoder.BAD_COPY_FILE_FORMAT, missing);
        }
        return wordInt();
    }

    private int int32() {
        readFully(word, 4, false);
        return wordInt();
    }

    private int wordInt() {
        return (word[0] & 0xff) << 24 | (word[1] & 0xff) << 16 | (word[2] & 0xff) << 8 | word[3] & 0xff;
    }

    /**
     * Fills the first {@code length} bytes of {@code into} from the client's pieces. False when the
     * data ended before the first byte and {@code endOk}; a stream ending anywhere else is
     * "unexpected EOF in COPY data".
     */
    private boolean readFully(byte[] into, int length, boolean endOk) {
        int done = 0;
        while (done < length) {
            int n = data.read(into, done, length - done);
            if (n == 0) {
                if (done == 0 && endOk) {
                    return false;
                }
                throw DatabaseException.error(CopyDecoder.BAD_COPY_FILE_FORMAT, "unexpected EOF in COPY data");
            }
            done += n;
        }
        return true;
    }

    /** After the trailer only CopyDone may come (PostgreSQL: "received copy data after EOF marker"). */
    private void drainAfterTrailer() {
        if (data.drain()) {
            throw DatabaseException.error(CopyDecoder.BAD_COPY_FILE_FORMAT, "received copy data after EOF marker");
        }
    }
}
