package org.tuskdb.bufferpool.internal;

import java.util.List;

import org.tuskdb.api.wal.WalRecordBuilder;
import org.tuskdb.api.wal.WriteAheadLog;

/** A WAL that only records flush requests (into the shared event list) and has a redo pointer. */
final class RecordingWal implements WriteAheadLog {
    private final List<String> events;
    volatile long flushed;
    volatile long redoPointer;

    RecordingWal(List<String> events) {
        this.events = events;
    }

    @Override
    public synchronized void flush(long upTo) {
        events.add("flush " + Long.toHexString(upTo));
        flushed = Math.max(flushed, upTo);
    }

    @Override
    public long flushedPosition() {
        return flushed;
    }

    @Override
    public long redoPointer() {
        return redoPointer;
    }

    @Override
    public WalRecordBuilder record(int rmgr, int info) {
        throw new UnsupportedOperationException();
    }

    @Override
    public long insertPosition() {
        return flushed;
    }

    @Override
    public void awaitCommit(long commitEnd, boolean synchronous) {
    }

    @Override
    public boolean inRecovery() {
        return false;
    }

    @Override
    public Status status() {
        return null;
    }
}
