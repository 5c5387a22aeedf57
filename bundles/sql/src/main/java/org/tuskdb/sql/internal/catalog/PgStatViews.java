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
 * pg_prepared_statements (the session's named statements, {@link EvalContext#preparedStatements}).
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
            if (schema == null || !(kind.equals("r") || kind.equals("t") || kind.equals("m") || kind.equals("p"))
                || which == Which.USER && system(schema) || which == Which.SYS && !system(schema)) {
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

    private static List<Value[]> databases(EvalContext ctx) {
        StorageServices s = ctx.storage().services();
        BufferPool bp = s == null ? null : s.bufferPool();
        BufferPool.Stats b = bp == null ? null : bp.stats();
        List<org.tuskdb.api.shmem.ProcInfo> procs = ctx.activity();
        // checksum_failures: NULL unless data checksums are on, as PostgreSQL's view says
        boolean checksums = "on".equals(ctx.showSetting("data_checksums", true));
        List<Value[]> out = new ArrayList<>();
        out.add(database(0, null, 0, null, checksums));
        for (Object[] d : new Object[][] {{5L, "postgres"}, {1L, "template1"}, {4L, "template0"}}) {
            String name = (String) d[1];
            int backends = 0;
            for (org.tuskdb.api.shmem.ProcInfo p : procs) {
                if (name.equals(p.database()) && "client backend".equals(p.backendType())) {
                    backends++;
                }
            }
            out.add(database((Long) d[0], name, backends, name.equals(ctx.database()) ? b : null, checksums));
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
