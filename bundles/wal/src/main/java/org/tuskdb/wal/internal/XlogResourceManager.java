package org.tuskdb.wal.internal;

import org.osgi.service.component.annotations.Component;
import org.tuskdb.api.wal.Lsn;
import org.tuskdb.api.wal.RedoContext;
import org.tuskdb.api.wal.ResourceManager;
import org.tuskdb.api.wal.ResourceManagerIds;
import org.tuskdb.api.wal.WalRecord;

/**
 * Resource manager 0, XLOG: the wal bundle's own records. Checkpoint records need no redo
 * (recovery reads the one pg_control names before replay; the participants' states in it are
 * handed over by startRecovery).
 */
@Component(service = ResourceManager.class)
public final class XlogResourceManager implements ResourceManager {
    @Override
    public int id() {
        return ResourceManagerIds.XLOG;
    }

    @Override
    public String name() {
        return "XLOG";
    }

    @Override
    public void redo(WalRecord record, RedoContext context) {
        // Checkpoint records: nothing to do.
    }

    @Override
    public String describe(WalRecord record) {
        if (CheckpointRecord.isCheckpoint(record.info())) {
            try {
                CheckpointRecord c = CheckpointRecord.decode(record.data());
                return CheckpointRecord.infoName(record.info()) + " redo " + Lsn.format(c.redo()) + "; tli "
                        + c.timeline() + "; participants " + c.states().keySet();
            } catch (RuntimeException e) {
                return CheckpointRecord.infoName(record.info()) + " (undecodable)";
            }
        }
        return "XLOG info 0x" + Integer.toHexString(record.info());
    }
}
