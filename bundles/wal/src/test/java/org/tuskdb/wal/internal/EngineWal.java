package org.tuskdb.wal.internal;

import org.tuskdb.api.wal.WalRecordBuilder;
import org.tuskdb.api.wal.WriteAheadLog;

/** The api view of a test engine (what WalService is without DS), for strategies. */
final class EngineWal implements WriteAheadLog, WalInternals {
    private final WalEngine engine;

    EngineWal(WalEngine engine) {
        this.engine = engine;
    }

    @Override
    public WalRecordBuilder record(int rmgr, int info) {
        return engine.record(rmgr, info);
    }

    @Override
    public long insertPosition() {
        return engine.insertPosition();
    }

    @Override
    public long flushedPosition() {
        return engine.flushedPosition();
    }

    @Override
    public void flush(long upTo) {
        engine.flush(upTo);
    }

    @Override
    public void awaitCommit(long commitEnd, boolean synchronous) {
        new DefaultWalStrategy().awaitCommit(commitEnd, synchronous, this);
    }

    @Override
    public void wakeWalWriter() {
        engine.wakeWalWriter();
    }

    @Override
    public int concurrentCommitters() {
        return 1;
    }

    @Override
    public long redoPointer() {
        return engine.redoPointer();
    }

    @Override
    public boolean inRecovery() {
        return false;
    }

    @Override
    public Status status() {
        return WalStatus.of(engine.region(), "default");
    }
}
