package org.tuskdb.storage.internal;

import java.nio.ByteBuffer;

import org.tuskdb.api.storage.ForkNumber;
import org.tuskdb.api.storage.RelFileLocator;

/**
 * The SMGR resource manager's WAL records (PostgreSQL's storage_xlog.h). Main data, big-endian:
 * <pre>
 *  CREATE   (0x10): dbOid int, relNumber long, fork byte
 *  UNLINK   (0x20): dbOid int, relNumber long
 *  TRUNCATE (0x30): dbOid int, relNumber long, fork byte, new length in blocks long
 * </pre>
 */
final class SmgrRecords {
    static final int CREATE = 0x10;
    static final int UNLINK = 0x20;
    static final int TRUNCATE = 0x30;

    private SmgrRecords() {
    }

    static byte[] create(RelFileLocator rel, ForkNumber fork) {
        return ByteBuffer.allocate(13).putInt(rel.dbOid()).putLong(rel.relNumber()).put((byte) fork.ordinal()).array();
    }

    static byte[] unlink(RelFileLocator rel) {
        return ByteBuffer.allocate(12).putInt(rel.dbOid()).putLong(rel.relNumber()).array();
    }

    static byte[] truncate(RelFileLocator rel, ForkNumber fork, long blocks) {
        return ByteBuffer.allocate(21).putInt(rel.dbOid()).putLong(rel.relNumber()).put((byte) fork.ordinal())
                .putLong(blocks).array();
    }

    static RelFileLocator rel(ByteBuffer data) {
        return new RelFileLocator(data.getInt(0), data.getLong(4));
    }

    static ForkNumber fork(ByteBuffer data) {
        return ForkNumber.values()[data.get(12)];
    }

    static long blocks(ByteBuffer data) {
        return data.getLong(13);
    }
}
