package org.tuskdb.sql.internal.catalog;

import java.util.List;
import org.tuskdb.api.storage.BufferPool;
import org.tuskdb.api.wal.Checkpointer;
import org.tuskdb.sql.internal.expr.EvalContext;
import org.tuskdb.sql.internal.storage.StorageServices;
import org.tuskdb.sql.internal.value.FloatValue;
import org.tuskdb.sql.internal.value.IntegerValue;
import org.tuskdb.sql.internal.value.PgType;
import org.tuskdb.sql.internal.value.Value;

/**
 * pg_catalog.pg_stat_bgwriter with PostgreSQL 15's columns, from Checkpointer.counts() and
 * BufferPool.stats(); counters without a source (timings, fsyncs by backends, maxwritten_clean,
 * stats_reset) are 0 / NULL. Zeros when the services are absent.
 */
public final class PgStatBgwriter implements SystemView {
    private static final List<Column> COLUMNS = List.of(
        new Column("checkpoints_timed", PgType.INT8), new Column("checkpoints_req", PgType.INT8),
        new Column("checkpoint_write_time", PgType.FLOAT8), new Column("checkpoint_sync_time", PgType.FLOAT8),
        new Column("buffers_checkpoint", PgType.INT8), new Column("buffers_clean", PgType.INT8),
        new Column("maxwritten_clean", PgType.INT8), new Column("buffers_backend", PgType.INT8),
        new Column("buffers_backend_fsync", PgType.INT8), new Column("buffers_alloc", PgType.INT8),
        new Column("stats_reset", PgType.TIMESTAMPTZ));

    @Override public String schema() { return "pg_catalog"; }
    @Override public String name() { return "pg_stat_bgwriter"; }
    @Override public List<Column> columns() { return COLUMNS; }

    @Override
    public List<Value[]> rows(EvalContext ctx) {
        StorageServices s = ctx.storage().services();
        Checkpointer cp = s == null ? null : s.checkpointer();
        BufferPool bp = s == null ? null : s.bufferPool();
        Checkpointer.Counts c = cp == null ? new Checkpointer.Counts(0, 0, 0, 0) : cp.counts();
        BufferPool.Stats b = bp == null ? new BufferPool.Stats(0, 0, 0, 0, 0, 0, 0) : bp.stats();
        Value[] r = {IntegerValue.int8(c.timed()), IntegerValue.int8(c.requested()), FloatValue.float8(0),
            FloatValue.float8(0), IntegerValue.int8(Math.max(c.buffersWritten(), b.writtenByCheckpoint())),
            IntegerValue.int8(b.writtenByBgwriter()), IntegerValue.int8(0), IntegerValue.int8(b.writtenByBackends()),
            IntegerValue.int8(0), IntegerValue.int8(b.reads()), null};
        return List.<Value[]>of(r);
    }
}
