package org.tuskdb.api.wal;

/**
 * A WAL position: a byte offset in the endless WAL stream, written as PostgreSQL does
 * ({@code 0/16B3D80}: high and low 32 bits in hex). 0 is "invalid" / "none".
 */
public final class Lsn {
    public static final long INVALID = 0;

    private Lsn() {
    }

    public static String format(long lsn) {
        return Long.toHexString(lsn >>> 32).toUpperCase() + "/" + Long.toHexString(lsn & 0xFFFF_FFFFL).toUpperCase();
    }

    /** Parses {@code X/Y}; IllegalArgumentException when malformed. */
    public static long parse(String text) {
        int slash = text.indexOf('/');
        if (slash <= 0 || slash == text.length() - 1 || slash > 8 || text.length() - slash - 1 > 8) {
            throw new IllegalArgumentException("invalid input syntax for type pg_lsn: \"" + text + "\"");
        }
        try {
            return Long.parseLong(text, 0, slash, 16) << 32 | Long.parseLong(text, slash + 1, text.length(), 16);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid input syntax for type pg_lsn: \"" + text + "\"", e);
        }
    }
}
