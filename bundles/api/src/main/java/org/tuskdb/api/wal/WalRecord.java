package org.tuskdb.api.wal;

import java.nio.ByteBuffer;
import org.tuskdb.api.storage.BlockReference;

/** A WAL record as read back (replay, inspection). Buffers are read-only views, valid for the call. */
public interface WalRecord {
    /** Where the record starts. */
    long lsn();

    /** Where the record ends: the LSN a redone page gets. */
    long endLsn();

    int rmgr();

    int info();

    long xid();

    /** Highest block id + 1 (block ids need not be dense). */
    int blockCount();

    boolean hasBlock(int blockId);

    BlockReference block(int blockId);

    /** The block carries a full-page image (replay restores it instead of calling redo for it). */
    boolean hasImage(int blockId);

    /** The block's data (empty when none, or when an image was logged instead). */
    ByteBuffer blockData(int blockId);

    ByteBuffer data();
}
