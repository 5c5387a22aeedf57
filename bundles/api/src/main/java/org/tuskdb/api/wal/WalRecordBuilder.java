package org.tuskdb.api.wal;

import java.lang.foreign.MemorySegment;
import org.tuskdb.api.storage.BlockReference;

/**
 * One WAL record being assembled (PostgreSQL's XLogBeginInsert / XLogRegisterBuffer /
 * XLogRegisterData / XLogInsert). A record has a resource manager id, an info byte the
 * resource manager interprets, the xid it belongs to, up to 32 block references (each with
 * optional data of its own) and main data.
 *
 * <p>Full-page images: for every registered block whose page LSN is at or before the current
 * redo pointer (the page's first change since the last checkpoint began), {@link #insert()}
 * adds an image of the page, unless the block is {@link #WILL_INIT} (the record rebuilds the
 * page from nothing) or full_page_writes is off. The caller holds the exclusive content lock of
 * every registered buffer from before the change until it has set the page LSN.
 */
public interface WalRecordBuilder {
    /** The record initializes the page: redo starts from a zeroed page, no image is needed. */
    int WILL_INIT = 1;
    /** Always include an image of the page. */
    int FORCE_IMAGE = 2;
    /** The page has the standard layout: the hole between lower and upper is left out of images. */
    int STANDARD = 4;

    /** The transaction the record belongs to (0: none). */
    WalRecordBuilder xid(long xid);

    /** Registers a block the record changes, with its current (already changed) page. */
    WalRecordBuilder registerBuffer(int blockId, BlockReference block, MemorySegment page, int flags);

    /** Data for redo of that block (used only when no image of it is logged, as in PostgreSQL). */
    WalRecordBuilder blockData(int blockId, byte[] data);

    /** Appends to the main data. */
    WalRecordBuilder data(byte[] data);

    WalRecordBuilder data(byte[] data, int offset, int length);

    /**
     * Reserves space, copies the record into the WAL buffers and returns the LSN of its end
     * (what the changed pages' LSN must be set to). Does not wait for it to reach disk.
     */
    long insert();
}
