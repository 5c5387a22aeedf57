package org.tuskdb.storage.internal;

/**
 * Layout of the "storage" region: the shared set of files written since the last checkpoint
 * (PostgreSQL's pending-operations table of the checkpointer, simplified to a fixed-size set).
 *
 * <pre>
 *  0        4        8               16       20         24                 32        64
 *  +--------+--------+---------------+--------+----------+------------------+---------+
 *  | LWLock | flags  | sync cycle    | count  | capacity | unlink generation|  (pad)  |
 *  +--------+--------+---------------+--------+----------+------------------+---------+
 *  64: capacity x 16-byte entries (open addressing, linear probing)
 *  +---------------------+----------+----------+
 *  | relNumber (0 empty) | dbOid    | kind     |   kind: fork ordinal 0-3, or DIRECTORY
 *  +---------------------+----------+----------+
 * </pre>
 *
 * flags bit 0 (SYNC_ALL): the set overflowed; the next checkpoint fsyncs every file under
 * base/ and global/. The sync cycle is incremented (under the lock) whenever the checkpoint takes
 * the set, so a process that registered a file in the current cycle need not register it again.
 * The unlink generation is incremented by every unlink, so processes drop cached descriptors.
 */
final class PendingSyncLayout {
    static final String REGION_NAME = "storage";
    static final long LOCK = 0;
    static final long FLAGS = 4;
    static final long CYCLE = 8;
    static final long COUNT = 16;
    static final long CAPACITY = 20;
    static final long UNLINK_GENERATION = 24;
    static final long ENTRIES = 64;
    static final int ENTRY_SIZE = 16;
    static final long ENTRY_REL = 0;
    static final long ENTRY_DB = 8;
    static final long ENTRY_KIND = 12;

    static final int SYNC_ALL = 1;
    /** Entry kind: the directory base/&lt;db&gt; (relNumber is then -1), or base/ itself for db -1. */
    static final int DIRECTORY = 8;

    /** Entries of the default region: far more files than one checkpoint cycle usually writes. */
    static final int DEFAULT_CAPACITY = 8192;

    private PendingSyncLayout() {
    }

    static long regionSize(int capacity) {
        return ENTRIES + (long) capacity * ENTRY_SIZE;
    }
}
