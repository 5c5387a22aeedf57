package org.tuskdb.sql.internal.sequence;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import org.tuskdb.api.storage.PageLayout;

/**
 * The sequence page and its WAL record (resource manager
 * {@link org.tuskdb.api.wal.ResourceManagerIds#SEQUENCE}). The page is a standard empty page whose
 * special space holds a magic number and the {@link SequenceState}. The one record kind,
 * {@link #LOG}, registers block 0 as WILL_INIT and carries the state as main data: redo rebuilds
 * the page from nothing with that state, whatever the page on disk holds (the logged state is
 * always at or ahead of anything handed out before the next record).
 */
final class SequenceWal {
    private SequenceWal() {}

    static final int LOG = 0;
    static final int MAGIC = 0x1717;
    private static final int SPECIAL = 24;

    static void initPage(MemorySegment page, SequenceState s) {
        PageLayout.initialize(page, SPECIAL);
        MemorySegment sp = PageLayout.specialSpace(page);
        sp.set(ValueLayout.JAVA_INT_UNALIGNED, 0, MAGIC);
        write(page, s);
    }

    static void write(MemorySegment page, SequenceState s) {
        MemorySegment sp = PageLayout.specialSpace(page);
        sp.set(ValueLayout.JAVA_LONG_UNALIGNED, 4, s.lastValue());
        sp.set(ValueLayout.JAVA_LONG_UNALIGNED, 12, s.logCount());
        sp.set(ValueLayout.JAVA_BYTE, 20, (byte) (s.isCalled() ? 1 : 0));
    }

    static SequenceState read(MemorySegment page) {
        MemorySegment sp = PageLayout.specialSpace(page);
        if (PageLayout.isNew(page) || sp.byteSize() < SPECIAL || sp.get(ValueLayout.JAVA_INT_UNALIGNED, 0) != MAGIC) {
            throw org.tuskdb.api.DatabaseException.error(org.tuskdb.api.SqlState.INTERNAL_ERROR,
                "bad magic number in sequence");
        }
        return new SequenceState(sp.get(ValueLayout.JAVA_LONG_UNALIGNED, 4), sp.get(ValueLayout.JAVA_LONG_UNALIGNED, 12),
            sp.get(ValueLayout.JAVA_BYTE, 20) != 0);
    }
}
