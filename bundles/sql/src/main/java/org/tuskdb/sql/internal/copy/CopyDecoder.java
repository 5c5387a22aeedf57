package org.tuskdb.sql.internal.copy;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.tuskdb.api.DatabaseException;
import org.tuskdb.api.SqlState;
import org.tuskdb.api.sql.CopyInSource;

/**
 * COPY FROM's data, decoded record by record as the client's CopyData pieces arrive (a record
 * may span pieces): PostgreSQL's text format (delimiter-separated, backslash escapes, the NULL
 * string compared with the field as written) or CSV (quoted fields with embedded delimiters and
 * newlines, the escape byte before a quote, an unquoted field equal to the NULL string is NULL).
 * A line {@code \.} ends the data; HEADER skips the first record. Text is UTF-8, checked.
 */
public final class CopyDecoder {
    static final String BAD_COPY_FILE_FORMAT = "22P04";
    private final CopyOptions options;
    private final byte[] nullBytes;
    private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    private final CopyChunks data;
    private boolean ended;
    private boolean headerSkipped;
    private long line;
    /** The current field as decoded, and (text format) as written. */
    private byte[] value = new byte[256];
    private int valueLength;
    private byte[] raw = new byte[256];
    private int rawLength;
    private String[] fields = new String[16];
    private int fieldCount;
    /** The current record as the client sent it, for error context lines. */
    private byte[] record = new byte[256];
    private int recordLength;

    public CopyDecoder(CopyInSource source, CopyOptions options) {
        this.data = new CopyChunks(source);
        this.options = options;
        this.nullBytes = options.nullString().getBytes(StandardCharsets.UTF_8);
    }

    /** The line number of the record last returned (1-based), for error messages. */
    public long line() {
        return line;
    }

    /**
     * The next record's fields (null for NULL), valid until the next call, or null at the end of
     * the data. {@link #fieldCount()} tells how many.
     */
    public String[] next() {
        while (true) {
            if (ended) {
                drain();
                return null;
            }
            if (!readRecord()) {
                ended = true;
                continue;
            }
            line++;
            if (options.header() && !headerSkipped) {
                headerSkipped = true;
                continue;
            }
            return fields;
        }
    }

    public int fieldCount() {
        return fieldCount;
    }

    /** After the end marker, whatever the client still sends up to CopyDone is read and dropped. */
    private void drain() {
        data.drain();
    }

    private int read() {
        int b = data.read();
        if (b < 0) {
            return -1;
        }
        if (recordLength == record.length) {
            record = Arrays.copyOf(record, record.length * 2);
        }
        record[recordLength++] = (byte) b;
        return b;
    }

    /**
     * The current record's text without its line end, cut to 100 bytes with "..." as
     * PostgreSQL's error context shows it.
     */
    public String recordText() {
        int n = recordLength;
        while (n > 0 && (record[n - 1] == '\n' || record[n - 1] == '\r')) {
            n--;
        }
        boolean cut = n > 100;
        String t = new String(record, 0, Math.min(n, 100), StandardCharsets.UTF_8);
        return cut ? t + "..." : t;
    }

    private int peek() {
        return data.peek();
    }

    /** Reads one record into {@link #fields}; false at the end of the data. */
    private boolean readRecord() {
        fieldCount = 0;
        recordLength = 0;
        int first = peek();
        if (first < 0) {
            return false;
        }
        boolean more = options.csv() ? readCsv() : readText();
        // the end-of-data marker: a line holding only \.
        if (fieldCount == 1 && isEndMarker()) {
            return false;
        }
        return more || fieldCount > 0;
    }

    private boolean isEndMarker() {
        return rawLength == 2 && raw[0] == '\\' && raw[1] == '.';
    }

    private boolean readText() {
        int delimiter = options.delimiter() & 0xff;
        startField();
        while (true) {
            int b = read();
            if (b < 0 || b == '\n') {
                endTextField();
                return true;
            }
            if (b == '\r') {
                if (peek() == '\n') {
                    read();
                }
                endTextField();
                return true;
            }
            if (b == delimiter) {
                endTextField();
                startField();
                continue;
            }
            rawByte(b);
            if (b != '\\') {
                valueByte(b);
                continue;
            }
            int c = read();
            if (c < 0 || c == '\n' || c == '\r') {
                // a backslash at the end of the line stands for itself
                valueByte('\\');
                if (c == '\r' && peek() == '\n') {
                    read();
                }
                endTextField();
                return true;
            }
            rawByte(c);
            switch (c) {
                case 'b' -> valueByte('\b');
                case 'f' -> valueByte('\f');
                case 'n' -> valueByte('\n');
                case 'r' -> valueByte('\r');
                case 't' -> valueByte('\t');
                case 'v' -> valueByte(0x0b);
                case 'x' -> {
                    int h = hex(peek());
                    if (h < 0) {
                        valueByte('x');
                    } else {
                        rawByte(read());
                        int v = h;
                        int h2 = hex(peek());
                        if (h2 >= 0) {
                            rawByte(read());
                            v = v * 16 + h2;
                        }
                        valueByte(v);
                    }
                }
                case '0', '1', '2', '3', '4', '5', '6', '7' -> {
                    int v = c - '0';
                    for (int k = 0; k < 2 && peek() >= '0' && peek() <= '7'; k++) {
                        int d = read();
                        rawByte(d);
                        v = v * 8 + (d - '0');
                    }
                    valueByte(v & 0xff);
                }
                default -> valueByte(c);
            }
        }
    }

    private static int hex(int c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }

    private void endTextField() {
        boolean isNull = rawLength == nullBytes.length && Arrays.equals(raw, 0, rawLength, nullBytes, 0, rawLength);
        addField(isNull ? null : string());
    }

    private boolean readCsv() {
        int delimiter = options.delimiter() & 0xff;
        int quote = options.quote() & 0xff;
        int escape = options.escape() & 0xff;
        while (true) {
            startField();
            boolean quoted = false;
            boolean inQuote = false;
            while (true) {
                int b = read();
                if (inQuote) {
                    if (b < 0) {
                        throw DatabaseException.error(BAD_COPY_FILE_FORMAT, "unterminated CSV quoted field");
                    }
                    if (b == escape && (peek() == quote || (escape != quote && peek() == escape))) {
                        valueByte(read());
                    } else if (b == quote) {
                        inQuote = false;
                    } else {
                        valueByte(b);
                    }
                    continue;
                }
                if (b == quote) {
                    inQuote = true;
                    quoted = true;
                    rawByte(b);
                    continue;
                }
                if (b < 0 || b == '\n' || b == '\r' || b == delimiter) {
                    boolean isNull = !quoted && valueLength == nullBytes.length
                        && Arrays.equals(value, 0, valueLength, nullBytes, 0, valueLength);
                    addField(isNull ? null : string());
                    if (b == delimiter) {
                        break;
                    }
                    if (b == '\r' && peek() == '\n') {
                        read();
                    }
                    return true;
                }
                rawByte(b);
                valueByte(b);
            }
        }
    }

    private void startField() {
        valueLength = 0;
        rawLength = 0;
    }

    private void valueByte(int b) {
        if (valueLength == value.length) {
            value = Arrays.copyOf(value, value.length * 2);
        }
        value[valueLength++] = (byte) b;
    }

    private void rawByte(int b) {
        if (rawLength == raw.length) {
            raw = Arrays.copyOf(raw, raw.length * 2);
        }
        raw[rawLength++] = (byte) b;
    }

    private void addField(String s) {
        if (fieldCount == fields.length) {
            fields = Arrays.copyOf(fields, fields.length * 2);
        }
        fields[fieldCount++] = s;
    }

    private String string() {
        boolean ascii = true;
        for (int i = 0; i < valueLength; i++) {
            if (value[i] < 0) {
                ascii = false;
                break;
            }
        }
        if (ascii) {
            return new String(value, 0, valueLength, StandardCharsets.ISO_8859_1);
        }
        try {
            return utf8.decode(ByteBuffer.wrap(value, 0, valueLength)).toString();
        } catch (CharacterCodingException e) {
            int i = 0;
            while (i < valueLength && value[i] >= 0) {
                i++;
            }
            throw org.tuskdb.sql.internal.value.Errors.invalidUtf8(value, i, valueLength);
        }
    }
}
