package org.tuskdb.api.index;

/**
 * One end of an index scan's range. {@code key} is compared with entry keys as unsigned bytes;
 * with {@code prefix}, only the first {@code key.length} bytes of an entry's key take part (the
 * leading columns of a multi-column key: {@code a = 5} is lower and upper bound 5 inclusive,
 * both prefix). {@link #UNBOUNDED} has a null key.
 */
public record ScanBound(byte[] key, boolean inclusive, boolean prefix) {
    public static final ScanBound UNBOUNDED = new ScanBound(null, true, false);

    public static ScanBound inclusive(byte[] key) {
        return new ScanBound(key, true, false);
    }

    public static ScanBound exclusive(byte[] key) {
        return new ScanBound(key, false, false);
    }

    /** Every key starting with {@code prefix} is within this bound. */
    public static ScanBound prefixInclusive(byte[] prefix) {
        return new ScanBound(prefix, true, true);
    }

    /** No key starting with {@code prefix} is within this bound. */
    public static ScanBound prefixExclusive(byte[] prefix) {
        return new ScanBound(prefix, false, true);
    }

    public boolean unbounded() {
        return key == null;
    }
}
