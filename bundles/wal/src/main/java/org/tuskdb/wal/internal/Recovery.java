package org.tuskdb.wal.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.List;
import java.util.function.IntFunction;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tuskdb.api.DatabaseException;
import org.tuskdb.api.storage.BufferPool;
import org.tuskdb.api.storage.RelationStorage;
import org.tuskdb.api.wal.CheckpointParticipant;
import org.tuskdb.api.wal.CheckpointParticipant.RecoveryEnd;
import org.tuskdb.api.wal.Lsn;
import org.tuskdb.api.wal.ResourceManager;
import org.tuskdb.api.wal.ResourceManagerIds;
import org.tuskdb.shmem.sync.Atomics;

/**
 * Startup: from pg_control to a running WAL (PostgreSQL's StartupXLOG). See README.md, "Recovery".
 */
final class Recovery {
    private static final Logger LOG = LoggerFactory.getLogger(Recovery.class);

    private final Path dataDirectory;
    private final WalEngine engine;
    private final Supplier<List<CheckpointParticipant>> participants;
    private final IntFunction<ResourceManager> rmgrs;
    private final Supplier<BufferPool> pool;
    private final Supplier<RelationStorage> storage;

    record Outcome(boolean fresh, boolean replayed, long redo, long end, long records, long highestXid,
                   long checkpointLsn) {
    }

    Recovery(Path dataDirectory, WalEngine engine, Supplier<List<CheckpointParticipant>> participants,
             IntFunction<ResourceManager> rmgrs, Supplier<BufferPool> pool, Supplier<RelationStorage> storage) {
        this.dataDirectory = dataDirectory;
        this.engine = engine;
        this.participants = participants;
        this.rmgrs = rmgrs;
        this.pool = pool;
        this.storage = storage;
    }

    Outcome run() throws IOException {
        Path controlPath = ControlFile.path(dataDirectory);
        Files.createDirectories(engine.files().directory());
        ControlFile.Data control = ControlFile.read(controlPath);
        if (control == null) {
            return bootstrap(controlPath);
        }
        var region = engine.region();
        Atomics.setLongRelease(region, WalRegion.SYSTEM_ID, control.systemId());
        engine.setState(WalRegion.STATE_RECOVERY);

        CheckpointRecord ckpt;
        long ckptEnd;
        try (WalReader reader = new WalReader(engine.files(), control.checkpointLsn())) {
            DecodedRecord rec = reader.nextAlone();
            if (rec == null || rec.rmgr() != ResourceManagerIds.XLOG || !CheckpointRecord.isCheckpoint(rec.info())) {
                throw DatabaseException.fatal("XX000", "could not locate a valid checkpoint record at "
                        + Lsn.format(control.checkpointLsn()) + (rec == null ? ": " + reader.endReason() : ""));
            }
            ckpt = CheckpointRecord.decode(rec.data());
            ckptEnd = rec.endLsn();
        }
        CheckpointRunner.publish(region, control.checkpointLsn(), ckpt.redo(), ckpt.timeMillis(), ckptEnd);
        Atomics.setLongRelease(region, WalRegion.REDO, ckpt.redo());
        List<CheckpointParticipant> ps = CheckpointRunner.ordered(participants.get());
        for (CheckpointParticipant p : ps) {
            p.startRecovery(ckpt.states().get(p.name()));
        }

        boolean needRedo = control.state() != ControlFile.STATE_SHUT_DOWN || ckpt.redo() < control.checkpointLsn();
        long end;
        long last;
        long records = 0;
        long highestXid = 0;
        if (needRedo) {
            LOG.info("database system was interrupted; last known up at {}",
                    java.time.Instant.ofEpochMilli(control.writeTime()));
            LOG.info("database system was not properly shut down; automatic recovery in progress");
            ControlFile.write(controlPath, control.with(ControlFile.STATE_IN_CRASH_RECOVERY, control.checkpointLsn(),
                    control.redoLsn(), control.checkpointTime()), engine.settings().fsync());
            Replay replay = replay(ckpt.redo());
            end = replay.end;
            last = replay.last;
            records = replay.records;
            highestXid = replay.highestXid;
            if (end < ckptEnd) {
                throw DatabaseException.fatal("XX000", "WAL ends at " + Lsn.format(end)
                        + ", before the end of the checkpoint record at " + Lsn.format(control.checkpointLsn()));
            }
            cleanTail(end);
        } else {
            end = ckptEnd;
            last = control.checkpointLsn();
        }
        engine.startAt(end, last, ckpt.redo());
        RecoveryEnd recoveryEnd = new RecoveryEnd(end, highestXid, records);
        for (CheckpointParticipant p : ps) {
            p.endRecovery(recoveryEnd);
        }
        long ckptLsn = control.checkpointLsn();
        if (needRedo) {
            CheckpointRunner runner = new CheckpointRunner(engine, dataDirectory, participants);
            ckptLsn = runner.run(CheckpointRecord.INFO_END_OF_RECOVERY, "end-of-recovery immediate").lsn();
        } else {
            ControlFile.write(controlPath, control.with(ControlFile.STATE_IN_PRODUCTION, control.checkpointLsn(),
                    control.redoLsn(), control.checkpointTime()), engine.settings().fsync());
        }
        return new Outcome(false, needRedo, ckpt.redo(), end, records, highestXid, ckptLsn);
    }

    /** A data directory without pg_control: the first segment, an initial checkpoint, done. */
    private Outcome bootstrap(Path controlPath) throws IOException {
        long systemId = System.currentTimeMillis() << 20 ^ new SecureRandom().nextInt(1 << 20);
        var region = engine.region();
        Atomics.setLongRelease(region, WalRegion.SYSTEM_ID, systemId);
        long start = WalFiles.segmentStart(1);
        WalFiles files = engine.files();
        for (long segno : files.list()) {
            files.remove(segno); // leftovers of an initialization that never finished
        }
        files.createZeroed(1, engine.settings().fsync());
        engine.startAt(start, 0, start);
        List<CheckpointParticipant> ps = CheckpointRunner.ordered(participants.get());
        for (CheckpointParticipant p : ps) {
            p.startRecovery(null);
        }
        RecoveryEnd recoveryEnd = new RecoveryEnd(start, 0, 0);
        for (CheckpointParticipant p : ps) {
            p.endRecovery(recoveryEnd);
        }
        CheckpointRunner runner = new CheckpointRunner(engine, dataDirectory, participants);
        CheckpointRunner.Result r = runner.run(CheckpointRecord.INFO_SHUTDOWN, "initial");
        // pg_control says "in production": the server is about to run.
        ControlFile.Data written = ControlFile.read(controlPath);
        ControlFile.write(controlPath, written.with(ControlFile.STATE_IN_PRODUCTION, r.lsn(), r.redo(), r.timeMillis()),
                engine.settings().fsync());
        LOG.info("created the WAL and control file of a new database system (system identifier {})",
                Long.toUnsignedString(systemId));
        return new Outcome(true, false, r.redo(), r.end(), 0, 0, r.lsn());
    }

    private static final class Replay {
        long end;
        long last;
        long records;
        long highestXid;
    }

    private Replay replay(long redo) {
        Replay out = new Replay();
        ResourceManager[] cache = new ResourceManager[256];
        RedoContextImpl ctx = new RedoContextImpl(pool, storage);
        long started = System.nanoTime();
        // The redo thread's CPU time too: on a shared machine the wall time says little.
        var threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long cpuStarted = threads.getCurrentThreadCpuTime();
        var region = engine.region();
        try (WalReader reader = new WalReader(engine.files(), redo)) {
            LOG.info("redo starts at {}", Lsn.format(redo));
            DecodedRecord rec;
            while ((rec = reader.next()) != null) {
                int id = rec.rmgr();
                ResourceManager rm = cache[id];
                if (rm == null) {
                    rm = rmgrs.apply(id);
                    cache[id] = rm;
                }
                if (rec.headerCount() > 0) {
                    ctx.restoreImages(rec);
                }
                ctx.setRecord(rec);
                if (LOG.isDebugEnabled()) {
                    LOG.debug("redo {}: {}", Lsn.format(rec.lsn()), describe(rm, rec));
                }
                try {
                    rm.redo(rec, ctx);
                } catch (RuntimeException e) {
                    throw new DatabaseException(DatabaseException.Severity.FATAL, "XX000",
                            "redo of " + rm.name() + " record at " + Lsn.format(rec.lsn()) + " failed: " + e.getMessage(),
                            describe(rm, rec), null, 0, e);
                }
                if (id == ResourceManagerIds.SMGR) {
                    ctx.forgetSizes();
                }
                if (rec.xid() > out.highestXid) {
                    out.highestXid = rec.xid();
                }
                out.records++;
                out.last = rec.lsn();
                Atomics.setLongRelease(region, WalRegion.REPLAYED, rec.endLsn());
            }
            out.end = reader.endOfValid();
            long millis = (System.nanoTime() - started) / 1_000_000;
            long cpuMillis = (threads.getCurrentThreadCpuTime() - cpuStarted) / 1_000_000;
            if (out.records == 0) {
                LOG.info("redo is not required");
            } else {
                LOG.info("redo done at {} ({} records, {} bytes of WAL in {} ms, redo thread CPU {} ms); WAL ends: {}",
                        Lsn.format(out.last), out.records, out.end - redo, millis, cpuMillis, reader.endReason());
            }
        }
        return out;
    }

    private static String describe(ResourceManager rm, DecodedRecord rec) {
        try {
            return rm.describe(rec);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /**
     * After replay: zeros from the end of valid WAL to the end of its segment and removes later
     * segments, so bytes of a torn tail (which carry current LSNs) can never be read as records
     * once new WAL has been written around them.
     */
    private void cleanTail(long end) throws IOException {
        WalFiles files = engine.files();
        long segno = WalFiles.segno(end);
        Path p = files.path(segno);
        if (Files.exists(p)) {
            try (FileChannel ch = FileChannel.open(p, StandardOpenOption.WRITE)) {
                long offset = end - WalFiles.segmentStart(segno);
                ByteBuffer zeros = ByteBuffer.allocateDirect(1 << 20);
                while (offset < WalFiles.SEGMENT_SIZE) {
                    zeros.clear().limit((int) Math.min(zeros.capacity(), WalFiles.SEGMENT_SIZE - offset));
                    offset += ch.write(zeros, offset);
                }
                if (engine.settings().fsync()) {
                    ch.force(true);
                }
            }
        }
        for (long s : files.list()) {
            if (s > segno) {
                files.remove(s);
            }
        }
    }
}
