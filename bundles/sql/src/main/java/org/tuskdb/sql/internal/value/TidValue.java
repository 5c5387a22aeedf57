package org.tuskdb.sql.internal.value;

import org.tuskdb.api.heap.Tid;

/**
 * tid: a tuple's address, block number (unsigned 32 bits) and offset number (unsigned 16 bits);
 * text form {@code (block,offset)}, binary form int32 block then int16 offset, ordered by block
 * then offset. Any value of those ranges is a tid, also ones no tuple can have ({@code (0,0)}),
 * so this keeps the two numbers rather than an api {@link Tid}.
 */
public final class TidValue extends Value {
    private static final long MAX_BLOCK = 0xFFFF_FFFFL;
    private static final int MAX_OFFSET = 0xFFFF;
    private final long block;
    private final int offset;

    public TidValue(long block, int offset) {
        this.block = block;
        this.offset = offset;
    }

    public static TidValue of(Tid tid) {
        return new TidValue(tid.block(), tid.offset());
    }

    public long block() { return block; }
    public int offset() { return offset; }

    @Override public PgType type() { return PgType.TID; }
    @Override public String toText(SessionStyle style) { return "(" + block + "," + offset + ")"; }

    @Override
    public byte[] toBinary() {
        int b = (int) block;
        return new byte[] {(byte) (b >>> 24), (byte) (b >>> 16), (byte) (b >>> 8), (byte) b,
            (byte) (offset >>> 8), (byte) offset};
    }

    @Override
    public int compareTo(Value other) {
        TidValue o = (TidValue) other;
        int c = Long.compare(block, o.block);
        return c != 0 ? c : Integer.compare(offset, o.offset);
    }

    @Override public int hashCode() { return Long.hashCode(block << 16 | offset); }

    /**
     * tidin: {@code (block,offset)}, each an unsigned decimal number (blanks before it allowed),
     * block below 2^32, offset below 2^16; anything else is 22P02.
     */
    public static TidValue parse(String text) {
        int open = text.indexOf('(');
        int comma = open < 0 ? -1 : text.indexOf(',', open);
        int close = comma < 0 ? -1 : text.indexOf(')', comma);
        if (close < 0) {
            throw Errors.invalidInput(PgType.TID, text);
        }
        long block = number(text, open + 1, comma, MAX_BLOCK);
        long offset = number(text, comma + 1, close, MAX_OFFSET);
        return new TidValue(block, (int) offset);
    }

    private static long number(String text, int from, int to, long max) {
        int i = from;
        while (i < to && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        if (i < to && text.charAt(i) == '+') {
            i++;
        }
        if (i == to) {
            throw Errors.invalidInput(PgType.TID, text);
        }
        long v = 0;
        for (; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                throw Errors.invalidInput(PgType.TID, text);
            }
            v = v * 10 + (c - '0');
            if (v > max) {
                throw Errors.invalidInput(PgType.TID, text);
            }
        }
        return v;
    }

    /** tidrecv: 6 bytes. */
    public static TidValue fromBinary(byte[] b) {
        long block = (b[0] & 0xffL) << 24 | (b[1] & 0xff) << 16 | (b[2] & 0xff) << 8 | (b[3] & 0xff);
        return new TidValue(block, (b[4] & 0xff) << 8 | (b[5] & 0xff));
    }
}
