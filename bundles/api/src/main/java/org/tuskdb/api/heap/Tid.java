package org.tuskdb.api.heap;

/** A tuple's address (PostgreSQL's ItemPointer, ctid): block number and 1-based offset number. */
public record Tid(long block, int offset) implements Comparable<Tid> {
    public Tid {
        if (block < 0 || block > 0xFFFF_FFFEL || offset < 1 || offset > 0xFFFF) {
            throw new IllegalArgumentException("bad tid (" + block + "," + offset + ")");
        }
    }

    /** Block in the high bits, offset in the low 16: ordering of packed values is tid order. */
    public long pack() {
        return block << 16 | offset;
    }

    public static Tid unpack(long packed) {
        return new Tid(packed >>> 16, (int) (packed & 0xFFFF));
    }

    @Override
    public int compareTo(Tid o) {
        return Long.compare(pack(), o.pack());
    }

    /** As the ctid column prints: {@code (0,1)}. */
    @Override
    public String toString() {
        return "(" + block + "," + offset + ")";
    }
}
