package org.tuskdb.sql.internal.copy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.tuskdb.sql.internal.value.SessionStyle;
import org.tuskdb.sql.internal.value.Value;

/**
 * COPY TO's data: one row as one line in the text format (backslash escapes for the control
 * characters, backslash and the delimiter; NULL as the NULL string) or CSV (a field quoted when
 * it holds the delimiter, the quote, a newline, equals the NULL string, or is a lone {@code \.};
 * quote and escape bytes inside doubled by the escape). The line buffer is reused.
 */
public final class CopyEncoder {
    private final CopyOptions options;
    private final byte[] nullBytes;
    private byte[] line = new byte[256];
    private int length;

    public CopyEncoder(CopyOptions options) {
        this.options = options;
        this.nullBytes = options.nullString().getBytes(StandardCharsets.UTF_8);
    }

    /** Encodes the first {@code columns} values; the line is {@link #bytes()} up to {@link #length()}. */
    public void encode(Value[] row, int columns, SessionStyle style) {
        length = 0;
        for (int i = 0; i < columns; i++) {
            if (i > 0) {
                put(options.delimiter());
            }
            Value v = row[i];
            if (v == null) {
                put(nullBytes);
                continue;
            }
            byte[] text = v.toText(style).getBytes(StandardCharsets.UTF_8);
            if (options.csv()) {
                csv(text, columns == 1);
            } else {
                text(text);
            }
        }
        put((byte) '\n');
    }

    /**
     * The binary format's tuple: a 16-bit field count, per field a 32-bit length (-1 for NULL)
     * and the value's binary send form ({@link BinaryCopyDecoder} reads it back).
     */
    public void encodeBinary(Value[] row, int columns) {
        length = 0;
        put2(columns >> 8, columns);
        for (int i = 0; i < columns; i++) {
            Value v = row[i];
            if (v == null) {
                putInt(-1);
                continue;
            }
            byte[] b = v.toBinary();
            putInt(b.length);
            put(b);
        }
    }

    /** The binary format's header: signature, flags 0, no header extension. */
    public void binaryHeader() {
        length = 0;
        put(BinaryCopyDecoder.SIGNATURE);
        putInt(0);
        putInt(0);
    }

    /** The binary format's trailer: a field count of -1. */
    public void binaryTrailer() {
        length = 0;
        put2(0xff, 0xff);
    }

    private void putInt(int v) {
        put2(v >>> 24, v >>> 16);
        put2(v >>> 8, v);
    }

    /** A header line: the column names, in the format's quoting. */
    public void header(java.util.List<String> names) {
        length = 0;
        for (int i = 0; i < names.size(); i++) {
            if (i > 0) {
                put(options.delimiter());
            }
            byte[] text = names.get(i).getBytes(StandardCharsets.UTF_8);
            if (options.csv()) {
                csv(text, names.size() == 1);
            } else {
                text(text);
            }
        }
        put((byte) '\n');
    }

    public byte[] bytes() {
        return line;
    }

    public int length() {
        return length;
    }

    private void text(byte[] text) {
        byte delimiter = options.delimiter();
        for (byte b : text) {
            switch (b) {
                case '\\' -> put2('\\', '\\');
                case '\b' -> put2('\\', 'b');
                case '\f' -> put2('\\', 'f');
                case '\n' -> put2('\\', 'n');
                case '\r' -> put2('\\', 'r');
                case '\t' -> put2('\\', 't');
                case 0x0b -> put2('\\', 'v');
                default -> {
                    if (b == delimiter) {
                        put2('\\', b);
                    } else {
                        put(b);
                    }
                }
            }
        }
    }

    private void csv(byte[] text, boolean single) {
        byte quote = options.quote();
        byte escape = options.escape();
        boolean quoteIt = Arrays.equals(text, nullBytes) || (single && text.length == 2 && text[0] == '\\' && text[1] == '.');
        for (int i = 0; !quoteIt && i < text.length; i++) {
            byte b = text[i];
            quoteIt = b == options.delimiter() || b == quote || b == '\n' || b == '\r';
        }
        if (!quoteIt) {
            put(text);
            return;
        }
        put(quote);
        for (byte b : text) {
            if (b == quote || b == escape) {
                put(escape);
            }
            put(b);
        }
        put(quote);
    }

    private void put(byte b) {
        if (length == line.length) {
            line = Arrays.copyOf(line, line.length * 2);
        }
        line[length++] = b;
    }

    private void put2(int a, int b) {
        put((byte) a);
        put((byte) b);
    }

    private void put(byte[] bytes) {
        if (length + bytes.length > line.length) {
            line = Arrays.copyOf(line, Math.max(line.length * 2, length + bytes.length));
        }
        System.arraycopy(bytes, 0, line, length, bytes.length);
        length += bytes.length;
    }
}
