package org.tuskdb.storage.internal;

import java.nio.ByteBuffer;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.tuskdb.api.storage.BufferPool;
import org.tuskdb.api.storage.ForkNumber;
import org.tuskdb.api.storage.RelFileLocator;
import org.tuskdb.api.storage.RelationStorage;
import org.tuskdb.api.wal.RedoContext;
import org.tuskdb.api.wal.ResourceManager;
import org.tuskdb.api.wal.ResourceManagerIds;
import org.tuskdb.api.wal.WalRecord;

/**
 * Redo of SMGR records (PostgreSQL's smgr_redo). Idempotent: creating an existing file and
 * removing a missing one are no-ops; truncating a missing file is skipped.
 *
 * <p>The buffer pool is reached through the record's {@link RedoContext} when replay calls us,
 * or else through an optional reference: the bufferpool bundle depends on storage, never the
 * other way round, so this component (not the storage service) is the only one that knows it.
 */
@Component(service = ResourceManager.class)
public final class SmgrResourceManager implements ResourceManager {
    @Reference
    RelationStorage storage;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile BufferPool bufferPool;

    public SmgrResourceManager() {
    }

    SmgrResourceManager(RelationStorage storage, BufferPool bufferPool) {
        this.storage = storage;
        this.bufferPool = bufferPool;
    }

    @Override
    public int id() {
        return ResourceManagerIds.SMGR;
    }

    @Override
    public String name() {
        return "Storage";
    }

    @Override
    public void redo(WalRecord record, RedoContext context) {
        ByteBuffer data = record.data();
        RelationStorage files = context != null && context.storage() != null ? context.storage() : storage;
        BufferPool buffers = context != null && context.buffers() != null ? context.buffers() : bufferPool;
        switch (record.info() & 0xF0) {
            case SmgrRecords.DBASE_CREATE -> {
                // dbase_redo: the template's pages replayed so far may be only in buffers
                if (buffers != null) {
                    buffers.flushAll();
                }
                files.copyDatabase(data.getInt(0), data.getInt(4), false);
                return;
            }
            case SmgrRecords.DBASE_DROP -> {
                if (buffers != null) {
                    buffers.dropDatabase(data.getInt(0));
                }
                files.dropDatabase(data.getInt(0), false);
                return;
            }
            default -> { }
        }
        RelFileLocator rel = SmgrRecords.rel(data);
        switch (record.info() & 0xF0) {
            case SmgrRecords.CREATE -> files.create(rel, SmgrRecords.fork(data), false);
            case SmgrRecords.UNLINK -> {
                if (buffers != null) {
                    buffers.dropRelation(rel);
                }
                files.unlink(rel, false);
            }
            case SmgrRecords.TRUNCATE -> {
                ForkNumber fork = SmgrRecords.fork(data);
                if (!files.exists(rel, fork)) {
                    return;
                }
                if (buffers != null) {
                    // The API can drop only whole relations; write every dirty buffer first so
                    // dropping loses nothing but the blocks the truncation removes anyway.
                    buffers.flushAll();
                    buffers.dropRelation(rel);
                }
                files.truncate(rel, fork, SmgrRecords.blocks(data));
            }
            default -> throw new IllegalArgumentException("unknown SMGR record info " + record.info());
        }
    }

    @Override
    public String describe(WalRecord record) {
        ByteBuffer data = record.data();
        switch (record.info() & 0xF0) {
            case SmgrRecords.DBASE_CREATE -> {
                return "DBASE_CREATE copy base/" + data.getInt(0) + " to base/" + data.getInt(4);
            }
            case SmgrRecords.DBASE_DROP -> {
                return "DBASE_DROP base/" + data.getInt(0);
            }
            default -> { }
        }
        RelFileLocator rel = SmgrRecords.rel(data);
        return switch (record.info() & 0xF0) {
            case SmgrRecords.CREATE -> "CREATE " + rel.relativePath(SmgrRecords.fork(data));
            case SmgrRecords.UNLINK -> "UNLINK " + rel;
            case SmgrRecords.TRUNCATE -> "TRUNCATE " + rel.relativePath(SmgrRecords.fork(data)) + " to "
                    + SmgrRecords.blocks(data) + " blocks";
            default -> "UNKNOWN info " + record.info();
        };
    }
}
