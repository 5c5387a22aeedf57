package org.tuskdb.shmem.internal;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;

/**
 * Text fields of a slot: a u16 byte length and UTF-8 bytes, cut at a character boundary when
 * too long (as PostgreSQL clips pg_stat_activity.query). Reading clamps the length to the
 * field, so a torn read (which the seqlock then discards) cannot throw.
 */
final class SlotText {
    private SlotText() {
    }

    static void write(MemorySegment slot, long offset, int fieldSize, String text) {
        byte[] bytes = text == null ? new byte[0] : text.getBytes(StandardCharsets.UTF_8);
        int length = clip(bytes, fieldSize - 2);
        slot.set(ValueLayout.JAVA_SHORT_UNALIGNED, offset, (short) length);
        MemorySegment.copy(bytes, 0, slot, ValueLayout.JAVA_BYTE, offset + 2, length);
    }

    static String read(MemorySegment slot, long offset, int fieldSize) {
        int length = Math.min(slot.get(ValueLayout.JAVA_SHORT_UNALIGNED, offset) & 0xffff, fieldSize - 2);
        byte[] bytes = new byte[length];
        MemorySegment.copy(slot, ValueLayout.JAVA_BYTE, offset + 2, bytes, 0, length);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** The longest prefix of at most {@code max} bytes that ends on a character boundary. */
    static int clip(byte[] utf8, int max) {
        if (utf8.length <= max) {
            return utf8.length;
        }
        int length = max;
        while (length > 0 && (utf8[length] & 0xC0) == 0x80) {
            length--;
        }
        return length;
    }
}
