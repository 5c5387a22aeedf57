package org.tuskdb.sql.internal.catalog;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.tuskdb.api.storage.BufferPool;
import org.tuskdb.api.xact.Snapshot;
import org.tuskdb.sql.internal.expr.EvalContext;
import org.tuskdb.sql.internal.storage.StorageContext;
import org.tuskdb.sql.internal.storage.StorageServices;
import org.tuskdb.sql.internal.value.IntegerValue;
import org.tuskdb.sql.internal.value.OidValue;
import org.tuskdb.sql.internal.value.PgType;
import org.tuskdb.sql.internal.value.TextValue;
import org.tuskdb.sql.internal.value.Value;

/**
 * The statistics views monitoring queries read, with PostgreSQL 15's columns:
 * pg_stat_all_tables / pg_stat_user_tables / pg_stat_sys_tables (one row per table; Tusk keeps
 * no per-table counters yet, so the counters are 0, idx_scan / idx_tup_fetch NULL for a table
 * without indexes as PostgreSQL's sum over none, the vacuum and analyze times NULL),
 * pg_stat_database (a row for shared objects, datid 0, and one per database; numbackends counts
 * the backends of the ProcArray connected to it, blks_read / blks_hit are the buffer pool's,
 * which serves every database, on the session's database; checksum_failures 0 with data
 * checksums on, else NULL, as PostgreSQL's view; the rest 0) and
 * pg_prepared_statements (the session's named statements, {@link EvalContext#preparedStatements}),
 * pg_stat_{all,user,sys}_indexes and pg_statio_{all,user,sys}_{tables,indexes} (one row per
 * table or index, counters 0 as above; the TOAST columns NULL: no TOAST yet), and
 * pg_stat_replication (no rows: no WAL senders yet).
 */
public final class PgStatViews {
    private PgStatViews() {}

    private static final String[] TABLE_COLUMNS = {"relid oid", "schemaname name", "relname name", "seq_scan int8",
        "seq_tup_read int8", "idx_scan int8", "idx_tup_fetch int8", "n_tup_ins int8", "n_tup_upd int8",
        "n_tup_del int8", "n_tup_hot_upd int8", "n_live_tup int8", "n_dead_tup int8", "n_mod_since_analyze int8",
        "n_ins_since_vacuum int8", "last_vacuum timestamptz", "last_autovacuum timestamptz",
        "last_analyze timestamptz", "last_autoanalyze timestamptz", "vacuum_count int8", "autovacuum_count int8",
        "analyze_count int8", "autoanalyze_count int8"};

    private enum Which { ALL, USER, SYS }

    private static final String[] INDEX_COLUMNS = {"relid oid", "indexrelid oid", "schemaname name", "relname name",
        "indexrelname name", "idx_scan int8", "idx_tup_read int8", "idx_tup_fetch int8"};
    private static final String[] IO_TABLE_COLUMNS = {"relid oid", "schemaname name", "relname name",
        "heap_blks_read int8", "heap_blks_hit int8", "idx_blks_read int8", "idx_blks_hit int8",
        "toast_blks_read int8", "toast_blks_hit int8", "tidx_blks_read int8", "tidx_blks_hit int8"};
    private static final String[] IO_INDEX_COLUMNS = {"relid oid", "indexrelid oid", "schemaname name",
        "relname name", "indexrelname name", "idx_blks_read int8", "idx_blks_hit int8"};

    public static List<SystemView> all() {
        return List.of(
            PgCatalogViews.view("pg_stat_all_tables", 0, c -> tables(c, Which.ALL), TABLE_COLUMNS),
            PgCatalogViews.view("pg_stat_user_tables", 0, c -> tables(c, Which.USER), TABLE_COLUMNS),
            PgCatalogViews.view("pg_stat_sys_tables", 0, c -> tables(c, Which.SYS), TABLE_COLUMNS),
            PgCatalogViews.view("pg_stat_database", 0, PgStatViews::databases, "datid oid", "datname name",
                "numbackends int4", "xact_commit int8", "xact_rollback int8", "blks_read int8", "blks_hit int8",
                "tup_returned int8", "tup_fetched int8", "tup_inserted int8", "tup_updated int8", "tup_deleted int8",
                "conflicts int8", "temp_files int8", "temp_bytes int8", "deadlocks int8", "checksum_failures int8",
                "checksum_last_failure timestamptz", "blk_read_time float8", "blk_write_time float8",
                "session_time float8", "active_time float8", "idle_in_transaction_time float8", "sessions int8",
                "sessions_abandoned int8", "sessions_fatal int8", "sessions_killed int8", "stats_reset timestamptz"),
            PgCatalogViews.view("pg_stat_all_indexes", 0, c -> indexes(c, Which.ALL, false), INDEX_COLUMNS),
            PgCatalogViews.view("pg_stat_user_indexes", 0, c -> indexes(c, Which.USER, false), INDEX_COLUMNS),
            PgCatalogViews.view("pg_stat_sys_indexes", 0, c -> indexes(c, Which.SYS, false), INDEX_COLUMNS),
            PgCatalogViews.view("pg_statio_all_tables", 0, c -> ioTables(c, Which.ALL), IO_TABLE_COLUMNS),
            PgCatalogViews.view("pg_statio_user_tables", 0, c -> ioTables(c, Which.USER), IO_TABLE_COLUMNS),
            PgCatalogViews.view("pg_statio_sys_tables", 0, c -> ioTables(c, Which.SYS), IO_TABLE_COLUMNS),
            PgCatalogViews.view("pg_statio_all_indexes", 0, c -> indexes(c, Which.ALL, true), IO_INDEX_COLUMNS),
            PgCatalogViews.view("pg_statio_user_indexes", 0, c -> indexes(c, Which.USER, true), IO_INDEX_COLUMNS),
            PgCatalogViews.view("pg_statio_sys_indexes", 0, c -> indexes(c, Which.SYS, true), IO_INDEX_COLUMNS),
            PgCatalogViews.view("pg_stat_replication", 0, c -> List.of(), "pid int4", "usesysid oid",
                "usename name", "application_name text", "client_addr inet", "client_hostname text",
                "client_port int4", "backend_start timestamptz", "backend_xmin xid", "state text",
                "sent_lsn pg_lsn", "write_lsn pg_lsn", "flush_lsn pg_lsn", "replay_lsn pg_lsn",
                "write_lag interval", "flush_lag interval", "replay_lag interval", "sync_priority int4",
                "sync_state text", "reply_time timestamptz"),
            PgCatalogViews.view("pg_prepared_statements", 0, EvalContext::preparedStatements, "name text",
                "statement text", "prepare_time timestamptz", "parameter_types regtype[]", "from_sql bool",
                "generic_plans int8", "custom_plans int8"));
    }

    private static boolean system(String schema) {
        return schema.equals("pg_catalog") || schema.equals("information_schema") || schema.startsWith("pg_toast");
    }

    private static List<Value[]> tables(EvalContext ctx, Which which) {
        StorageContext sc = ctx.storage();
        PgCatalogViews.Classes classes = PgCatalogViews.Classes.read(sc);
        Set<Long> indexed = new HashSet<>();
        if (CatalogNames.tables(sc)) {
            Snapshot snap = sc.freshSnapshot();
            for (CatalogStore.Entry e : new CatalogStore(sc.heap(), sc.transaction()).all(CatalogTables.PG_INDEX, snap)) {
                indexed.add(((OidValue) e.row()[1]).value());
            }
        }
        IntegerValue zero = IntegerValue.int8(0);
        List<Value[]> out = new ArrayList<>();
        for (Value[] r : classes.byOid().values()) {
            String kind = ((TextValue) r[CatalogTables.CLASS_RELKIND]).value();
            String schema = classes.schema(r);
            if (schema == null || !tableKind(kind) || !wanted(which, schema)) {
                continue;
            }
            long oid = ((OidValue) r[CatalogTables.CLASS_OID]).value();
            Value idx = indexed.contains(oid) ? zero : null;
            out.add(new Value[] {r[CatalogTables.CLASS_OID], new TextValue(PgType.NAME, schema),
                r[CatalogTables.CLASS_RELNAME], zero, zero, idx, idx, zero, zero, zero, zero, zero, zero, zero, zero,
                null, null, null, null, zero, zero, zero, zero});
        }
        return out;
    }

    private static boolean tableKind(String kind) {
        return kind.equals("r") || kind.equals("t") || kind.equals("m") || kind.equals("p");
    }

    private static boolean wanted(Which which, String schema) {
        return which == Which.ALL || (which == Which.USER) != system(schema);
    }

    /**
     * pg_statio_*_tables: one row per table, idx_* NULL for a table without indexes (a sum over
     * none), toast_* and tidx_* 0 where PostgreSQL would have made a TOAST table (a column of
     * variable length), else NULL; Tusk has none, so nothing is counted there.
     */
    private static List<Value[]> ioTables(EvalContext ctx, Which which) {
        List<Value[]> out = new ArrayList<>();
        IntegerValue zero = IntegerValue.int8(0);
        StorageContext sc = ctx.storage();
        Set<Long> variable = new HashSet<>();
        if (CatalogNames.tables(sc)) {
            for (CatalogStore.Entry e : new CatalogStore(sc.heap(), sc.transaction()).all(CatalogTables.PG_ATTRIBUTE,
                    sc.freshSnapshot())) {
                Value[] a = e.row();
                if (a[3] instanceof IntegerValue len && len.value() == -1
                        && !(a[CatalogTables.ATT_DROPPED] instanceof org.tuskdb.sql.internal.value.BoolValue d && d.value())) {
                    variable.add(((OidValue) a[CatalogTables.ATT_RELID]).value());
                }
            }
        }
        for (Value[] t : tables(ctx, which)) {
            Value idx = t[5] == null ? null : zero;
            Value toast = variable.contains(((OidValue) t[0]).value()) ? zero : null;
            out.add(new Value[] {t[0], t[1], t[2], zero, zero, idx, idx, toast, toast, toast, toast});
        }
        return out;
    }

    /** pg_stat_*_indexes (idx_scan, idx_tup_read, idx_tup_fetch) or pg_statio_*_indexes (the block counts). */
    private static List<Value[]> indexes(EvalContext ctx, Which which, boolean io) {
        StorageContext sc = ctx.storage();
        List<Value[]> out = new ArrayList<>();
        if (!CatalogNames.tables(sc)) {
            return out;
        }
        PgCatalogViews.Classes classes = PgCatalogViews.Classes.read(sc);
        IntegerValue zero = IntegerValue.int8(0);
        for (CatalogStore.Entry e : new CatalogStore(sc.heap(), sc.transaction()).all(CatalogTables.PG_INDEX,
                sc.freshSnapshot())) {
            Value[] index = classes.byOid().get(((OidValue) e.row()[0]).value());
            Value[] table = classes.byOid().get(((OidValue) e.row()[1]).value());
            if (index == null || table == null || !tableKind(((TextValue) table[CatalogTables.CLASS_RELKIND]).value())) {
                continue;
            }
            String schema = classes.schema(table);
            if (schema == null || !wanted(which, schema)) {
                continue;
            }
            Value[] row = io
                ? new Value[] {table[CatalogTables.CLASS_OID], index[CatalogTables.CLASS_OID],
                    new TextValue(PgType.NAME, schema), table[CatalogTables.CLASS_RELNAME],
                    index[CatalogTables.CLASS_RELNAME], zero, zero}
                : new Value[] {table[CatalogTables.CLASS_OID], index[CatalogTables.CLASS_OID],
                    new TextValue(PgType.NAME, schema), table[CatalogTables.CLASS_RELNAME],
                    index[CatalogTables.CLASS_RELNAME], zero, zero, zero};
            out.add(row);
        }
        return out;
    }

    private static List<Value[]> databases(EvalContext ctx) {
        StorageServices s = ctx.storage().services();
        BufferPool bp = s == null ? null : s.bufferPool();
        BufferPool.Stats b = bp == null ? null : bp.stats();
        List<org.tuskdb.api.shmem.ProcInfo> procs = ctx.activity();
        // checksum_failures: NULL unless data checksums are on, as PostgreSQL's view says
        boolean checksums = "on".equals(ctx.showSetting("data_checksums", true));
        List<Value[]> out = new ArrayList<>();
        out.add(database(0, null, 0, null, checksums));
        for (java.util.Map.Entry<String, Long> d : PgCatalogViews.databaseOids(ctx.storage()).entrySet()) {
            String name = d.getKey();
            int backends = 0;
            for (org.tuskdb.api.shmem.ProcInfo p : procs) {
                if (name.equals(p.database()) && "client backend".equals(p.backendType())) {
                    backends++;
                }
            }
            out.add(database(d.getValue(), name, backends, name.equals(ctx.database()) ? b : null, checksums));
        }
        return out;
    }

    private static Value[] database(long oid, String name, int backends, BufferPool.Stats b, boolean checksums) {
        IntegerValue zero = IntegerValue.int8(0);
        org.tuskdb.sql.internal.value.FloatValue none = org.tuskdb.sql.internal.value.FloatValue.float8(0);
        return new Value[] {OidValue.oid(oid), name == null ? null : new TextValue(PgType.NAME, name),
            IntegerValue.int4(backends), zero, zero, b == null ? zero : IntegerValue.int8(b.reads()),
            b == null ? zero : IntegerValue.int8(b.hits()), zero, zero, zero, zero, zero, zero, zero, zero, zero,
            checksums ? zero : null, null, none, none, none, none, none, zero, zero, zero, zero, null};
    }
}
