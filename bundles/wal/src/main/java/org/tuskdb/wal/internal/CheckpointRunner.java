package org.tuskdb.wal.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tuskdb.api.wal.CheckpointParticipant;
import org.tuskdb.api.wal.Lsn;
import org.tuskdb.api.wal.ResourceManagerIds;
import org.tuskdb.shmem.sync.Atomics;

/**
 * One checkpoint (PostgreSQL's CreateCheckPoint), run by the checkpointer, or by the startup
 * process at the end of recovery and on a fresh data directory:
 * <ol>
 *   <li>the redo pointer becomes the insert position (pages changed from now on get a full-page
 *       image with their next change, so a torn write of them by step 2 is repaired by replay);</li>
 *   <li>every {@link CheckpointParticipant}, in ascending order, makes durable what the WAL
 *       before the redo point describes (pg_xact, then the dirty buffers);</li>
 *   <li>the checkpoint record (redo point, time, each participant's state by name) is inserted
 *       and the WAL flushed past it;</li>
 *   <li>pg_control names the new checkpoint (written atomically);</li>
 *   <li>segments wholly before the redo point's segment are recycled or removed.</li>
 * </ol>
 * After step 4, replay starts at the new redo point: everything before it is in the data files.
 */
final class CheckpointRunner {
    private static final Logger LOG = LoggerFactory.getLogger(CheckpointRunner.class);

    private final WalEngine engine;
    private final Path dataDirectory;
    private final Supplier<List<CheckpointParticipant>> participants;

    record Result(long lsn, long redo, long end, long timeMillis, int removed, int recycled) {
    }

    CheckpointRunner(WalEngine engine, Path dataDirectory, Supplier<List<CheckpointParticipant>> participants) {
        this.engine = engine;
        this.dataDirectory = dataDirectory;
        this.participants = participants;
    }

    static List<CheckpointParticipant> ordered(List<CheckpointParticipant> ps) {
        List<CheckpointParticipant> out = new ArrayList<>(ps);
        out.sort(Comparator.comparingInt(CheckpointParticipant::order).thenComparing(CheckpointParticipant::name));
        return out;
    }

    Result run(int kind, String reason) {
        long started = System.nanoTime();
        LOG.info("checkpoint starting: {}", reason);
        long redo = engine.advanceRedoPointer();
        List<CheckpointParticipant> ps = ordered(participants.get());
        for (CheckpointParticipant p : ps) {
            p.checkpoint(redo);
        }
        long writeDone = System.nanoTime();
        Map<String, byte[]> states = new LinkedHashMap<>();
        for (CheckpointParticipant p : ps) {
            states.put(p.name(), p.checkpointState());
        }
        long time = System.currentTimeMillis();
        var region = engine.region();
        long systemId = Atomics.getLongAcquire(region, WalRegion.SYSTEM_ID);
        byte[] data = new CheckpointRecord(redo, time, WalFiles.TIMELINE, systemId, states).encode();
        RecordBuilder b = engine.record(ResourceManagerIds.XLOG, kind);
        b.data(data);
        long end = b.insert();
        long lsn = b.lastStart;
        if (kind == CheckpointRecord.INFO_SHUTDOWN && lsn != redo) {
            LOG.warn("concurrent write-ahead log activity while database system is shutting down");
        }
        engine.flush(end);
        WalSettings s = engine.settings();
        int state = kind == CheckpointRecord.INFO_SHUTDOWN ? ControlFile.STATE_SHUT_DOWN : ControlFile.STATE_IN_PRODUCTION;
        ControlFile.write(ControlFile.path(dataDirectory),
                new ControlFile.Data(systemId, state, WalFiles.TIMELINE, lsn, redo, time, time), s.fsync());
        publish(region, lsn, redo, time, end);
        int[] counts = removeOldSegments(redo, s);
        long total = System.nanoTime() - started;
        LOG.info("checkpoint complete: {} WAL file(s) removed, {} recycled; write={} s, total={} s; lsn={}, redo lsn={}",
                counts[0], counts[1], seconds(writeDone - started), seconds(total), Lsn.format(lsn), Lsn.format(redo));
        return new Result(lsn, redo, end, time, counts[0], counts[1]);
    }

    static void publish(java.lang.foreign.MemorySegment region, long lsn, long redo, long time, long end) {
        Atomics.setLong(region, WalRegion.LAST_CKPT_REDO, redo);
        Atomics.setLong(region, WalRegion.LAST_CKPT_TIME, time);
        Atomics.setLong(region, WalRegion.LAST_CKPT_END, end);
        Atomics.setLongRelease(region, WalRegion.LAST_CKPT_LSN, lsn);
    }

    private static String seconds(long nanos) {
        return String.format("%.3f", nanos / 1e9);
    }

    /**
     * Removes every segment before the redo point's segment, keeping min_wal_size worth of
     * segments in all by renaming old ones to future names (recycling) instead.
     * Returns {removed, recycled}.
     */
    int[] removeOldSegments(long redo, WalSettings s) {
        int[] counts = new int[2];
        long keep = WalFiles.segno(redo);
        WalFiles files = engine.files();
        engine.withWriteLock(() -> {
            try {
                List<Long> all = files.list();
                long insertSeg = WalFiles.segno(Math.max(engine.insertPosition() - 1, 0));
                long live = all.stream().filter(x -> x >= keep).count();
                long nextFuture = Math.max(insertSeg, all.isEmpty() ? insertSeg : all.getLast()) + 1;
                long allowed = Math.max(2, s.minWalSizeMb() / (WalFiles.SEGMENT_SIZE >> 20));
                for (long segno : all) {
                    if (segno >= keep) {
                        break;
                    }
                    if (live < allowed && files.recycle(segno, nextFuture)) {
                        nextFuture++;
                        live++;
                        counts[1]++;
                    } else {
                        files.remove(segno);
                        counts[0]++;
                    }
                }
            } catch (IOException e) {
                LOG.warn("could not remove old WAL segments: {}", e.toString());
            }
        });
        return counts;
    }
}
