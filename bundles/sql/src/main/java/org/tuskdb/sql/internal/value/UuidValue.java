package org.tuskdb.sql.internal.value;

import java.util.Arrays;

/** uuid: 16 bytes, ordered bytewise (memcmp, as uuid_cmp); text form 8-4-4-4-12 lower-case hex. */
public final class UuidValue extends Value {
    private static final char[] HEX = "0123456789abcdef".toCharArray();
    private final byte[] bytes;

    public UuidValue(byte[] bytes) {
        if (bytes.length != 16) {
            throw new IllegalArgumentException("uuid needs 16 bytes");
        }
        this.bytes = bytes;
    }

    /** The 16 bytes (not copied: do not change them). */
    public byte[] bytes() { return bytes; }

    @Override public PgType type() { return PgType.UUID; }

    @Override
    public String toText(SessionStyle style) {
        char[] out = new char[36];
        int p = 0;
        for (int i = 0; i < 16; i++) {
            if (i == 4 || i == 6 || i == 8 || i == 10) {
                out[p++] = '-';
            }
            out[p++] = HEX[(bytes[i] >> 4) & 0xf];
            out[p++] = HEX[bytes[i] & 0xf];
        }
        return new String(out);
    }

    @Override public byte[] toBinary() { return bytes.clone(); }
    @Override public int compareTo(Value other) { return Arrays.compareUnsigned(bytes, ((UuidValue) other).bytes); }
    @Override public int hashCode() { return Arrays.hashCode(bytes); }

    /**
     * uuid_in: 32 hex digits, optionally in braces, with an optional hyphen after any group of
     * four digits (so both the standard form and a0eebc999c0b4ef8... are accepted).
     */
    public static UuidValue parse(String text) {
        String s = text;
        int start = 0;
        int end = s.length();
        boolean braces = end > 0 && s.charAt(0) == '{';
        if (braces) {
            start = 1;
        }
        byte[] out = new byte[16];
        int digits = 0;
        int i = start;
        while (i < end && digits < 32) {
            int hi = Character.digit(s.charAt(i), 16);
            int lo = i + 1 < end ? Character.digit(s.charAt(i + 1), 16) : -1;
            if (hi < 0 || lo < 0 || s.charAt(i) > 0x7f || s.charAt(i + 1) > 0x7f) {
                throw Errors.invalidInput(PgType.UUID, text);
            }
            out[digits / 2] = (byte) (hi << 4 | lo);
            digits += 2;
            i += 2;
            if (i < end && s.charAt(i) == '-' && digits % 4 == 0 && digits < 32) {
                i++;
            }
        }
        if (digits != 32) {
            throw Errors.invalidInput(PgType.UUID, text);
        }
        if (braces) {
            if (i >= end || s.charAt(i) != '}') {
                throw Errors.invalidInput(PgType.UUID, text);
            }
            i++;
        }
        if (i != end) {
            throw Errors.invalidInput(PgType.UUID, text);
        }
        return new UuidValue(out);
    }
}
