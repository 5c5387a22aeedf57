package org.tuskdb.wal.internal;

import java.util.concurrent.locks.LockSupport;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.tuskdb.api.SettingsRegistry;
import org.tuskdb.api.wal.WalStrategy;
import org.tuskdb.api.wal.WriteAheadLog;

/**
 * PostgreSQL's commit policy. synchronous_commit on: flush up to the commit record (one flush
 * serves every committer queued behind it: group commit), first sleeping commit_delay
 * microseconds when at least commit_siblings other committers are flushing too, so that more
 * commits share the fsync. Off: wake the walwriter and return; it flushes within
 * wal_writer_delay.
 */
@Component(service = WalStrategy.class, property = WalStrategy.NAME_PROPERTY + "=" + DefaultWalStrategy.NAME)
public final class DefaultWalStrategy implements WalStrategy {
    static final String NAME = "default";

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile SettingsRegistry settings;

    private final WalSettings.Cache cache = new WalSettings.Cache(() -> settings);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void awaitCommit(long commitEnd, boolean synchronous, WriteAheadLog wal) {
        if (!synchronous) {
            if (wal instanceof WalInternals w) {
                w.wakeWalWriter();
            }
            return;
        }
        if (wal.flushedPosition() >= commitEnd) {
            return;
        }
        WalSettings s = cache.get();
        if (s.commitDelayMicros() > 0 && wal instanceof WalInternals service
                && service.concurrentCommitters() > s.commitSiblings()) {
            LockSupport.parkNanos(s.commitDelayMicros() * 1000);
        }
        wal.flush(commitEnd);
    }
}
