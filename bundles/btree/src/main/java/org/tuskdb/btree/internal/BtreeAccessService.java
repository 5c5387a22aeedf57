package org.tuskdb.btree.internal;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.tuskdb.api.ProcessContext;
import org.tuskdb.api.heap.Tid;
import org.tuskdb.api.index.IndexAccess;
import org.tuskdb.api.index.IndexBuild;
import org.tuskdb.api.index.IndexScan;
import org.tuskdb.api.index.ScanBound;
import org.tuskdb.api.index.ScanDirection;
import org.tuskdb.api.index.UniqueCheck;
import org.tuskdb.api.index.UniqueChecker;
import org.tuskdb.api.storage.BufferPool;
import org.tuskdb.api.storage.RelFileLocator;
import org.tuskdb.api.storage.RelationStorage;
import org.tuskdb.api.wal.WriteAheadLog;

/**
 * The B-tree access method in every worker process (backends and auxiliary roles, startup
 * among them): the {@link IndexAccess} service over shared buffers, WAL-logged with the B-tree
 * resource manager ({@link BtreeResourceManager} replays it). The rules are in the README.
 */
@Component(service = IndexAccess.class)
public final class BtreeAccessService implements IndexAccess {
    private final BufferPool buffers;
    private final WriteAheadLog wal;
    private final RelationStorage storage;
    private final Btree tree;

    @Activate
    public BtreeAccessService(@Reference(name = "process", target = "(!(tusk.role=postmaster))") ProcessContext process,
                              @Reference(name = "buffers") BufferPool buffers,
                              @Reference(name = "wal") WriteAheadLog wal,
                              @Reference(name = "storage") RelationStorage storage) {
        this.buffers = buffers;
        this.wal = wal;
        this.storage = storage;
        this.tree = new Btree(buffers, wal);
    }

    @Override
    public int maxKeySize() {
        return BtreePage.MAX_KEY;
    }

    @Override
    public void create(RelFileLocator index) {
        storage.create(index, Btree.MAIN, true);
        int mb = buffers.blockCount(index, Btree.MAIN) == 0 ? buffers.extend(index, Btree.MAIN)
                : lockedMeta(index);
        try {
            tree.writeMeta(mb, BtreePage.NONE, 0);
        } finally {
            buffers.unlockAndRelease(mb);
        }
    }

    private int lockedMeta(RelFileLocator index) {
        int mb = buffers.read(index, Btree.MAIN, 0);
        buffers.lockExclusive(mb);
        return mb;
    }

    @Override
    public IndexBuild build(RelFileLocator index, UniqueChecker unique) {
        return new BtreeBuild(tree, wal, index, unique);
    }

    @Override
    public void drop(RelFileLocator index) {
        buffers.dropRelation(index);
        storage.unlink(index, true);
    }

    @Override
    public void truncate(RelFileLocator index) {
        drop(index);
        create(index);
    }

    @Override
    public void insert(RelFileLocator index, byte[] key, Tid tid, UniqueCheck check, UniqueChecker checker) {
        tree.insert(index, key, tid, check == UniqueCheck.YES, checker);
    }

    @Override
    public Tid findLive(RelFileLocator index, byte[] key, UniqueChecker checker) {
        return tree.findLive(index, key, checker);
    }

    @Override
    public IndexScan scan(RelFileLocator index, ScanBound lower, ScanBound upper, ScanDirection direction) {
        return new BtreeScan(tree, index, lower, upper, direction);
    }

    @Override
    public long blockCount(RelFileLocator index) {
        return buffers.blockCount(index, Btree.MAIN);
    }
}
