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
 *  DBASE_CREATE (0x40): srcDbOid int, dstDbOid int   (CREATE DATABASE, FILE_COPY)
 *  DBASE_DROP   (0x50): dbOid int
 * </pre>
 * PostgreSQL has a resource manager of its own for the two database records; here they are the
 * storage manager's, which owns the directories.
 */
final class SmgrRecords {
    static final int CREATE = 0x10;
    static final int UNLINK = 0x20;
    static final int TRUNCATE = 0x30;
    static final int DBASE_CREATE = 0x40;
    static final int DBASE_DROP = 0x50;

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

    static byte[] databaseCreate(int srcDb, int dstDb) {
        return ByteBuffer.allocate(8).putInt(srcDb).putInt(dstDb).array();
    }

    static byte[] databaseDrop(int dbOid) {
        return ByteBuffer.allocate(4).putInt(dbOid).array();
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
