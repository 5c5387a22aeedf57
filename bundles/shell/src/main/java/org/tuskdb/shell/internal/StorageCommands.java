package org.tuskdb.shell.internal;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import org.apache.felix.service.command.Descriptor;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tuskdb.api.ProcessContext;
import org.tuskdb.api.wal.Checkpointer;
import org.tuskdb.api.wal.Lsn;
import org.tuskdb.api.wal.WriteAheadLog;

/**
 * The storage commands of the {@code tusk:} scope: {@code tusk:checkpoint} asks the checkpointer
 * process for an immediate checkpoint and waits for it, {@code tusk:wal} shows the WAL positions.
 * A component of its own so the other commands work while the storage services are absent (a
 * server whose wal bundle is stopped).
 */
@Component(service = StorageCommands.class, property = {
        "osgi.command.scope=tusk",
        "osgi.command.function=checkpoint",
        "osgi.command.function=wal"})
public final class StorageCommands {
    private static final Logger log = LoggerFactory.getLogger(StorageCommands.class);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    private final Checkpointer checkpointer;
    private final WriteAheadLog wal;

    @Activate
    public StorageCommands(@Reference(name = "checkpointer") Checkpointer checkpointer,
                           @Reference(name = "wal") WriteAheadLog wal,
                           @Reference(name = "process", target = "(" + ProcessContext.ROLE_PROPERTY + "="
                                   + ProcessContext.ROLE_POSTMASTER + ")") ProcessContext process) {
        this.checkpointer = checkpointer;
        this.wal = wal;
    }

    @Descriptor("Runs an immediate checkpoint (as the CHECKPOINT statement) and waits until it is complete")
    public String checkpoint() {
        long started = System.nanoTime();
        log.info("shell: checkpoint requested");
        checkpointer.requestCheckpoint(true);
        long millis = (System.nanoTime() - started) / 1_000_000;
        return "checkpoint complete in " + millis + " ms\n" + wal();
    }

    @Descriptor("Shows the WAL: insert and flush positions, the current segment file, the last checkpoint")
    public String wal() {
        WriteAheadLog.Status s = wal.status();
        Checkpointer.Counts c = checkpointer.counts();
        StringBuilder out = new StringBuilder();
        line(out, "insert LSN", Lsn.format(s.insertLsn()));
        line(out, "flush LSN", Lsn.format(s.flushLsn()));
        line(out, "current segment", s.currentSegment());
        line(out, "last checkpoint", Lsn.format(s.lastCheckpointLsn()));
        line(out, "its redo point", Lsn.format(s.lastCheckpointRedo()));
        line(out, "checkpoint time", s.lastCheckpointTimeMillis() == 0 ? "-"
                : TIME.format(Instant.ofEpochMilli(s.lastCheckpointTimeMillis())));
        line(out, "checkpoints", c.timed() + " timed, " + c.requested() + " requested");
        line(out, "WAL strategy", s.strategy());
        return out.toString();
    }

    private static void line(StringBuilder out, String name, String value) {
        out.append(String.format("%-16s %s%n", name, value));
    }
}
