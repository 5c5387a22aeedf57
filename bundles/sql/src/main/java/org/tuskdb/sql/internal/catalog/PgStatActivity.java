package org.tuskdb.sql.internal.catalog;

import java.util.ArrayList;
import java.util.List;
import org.tuskdb.api.shmem.ProcInfo;
import org.tuskdb.sql.internal.expr.EvalContext;
import org.tuskdb.sql.internal.value.DateTimes;
import org.tuskdb.sql.internal.value.InetValue;
import org.tuskdb.sql.internal.value.IntegerValue;
import org.tuskdb.sql.internal.value.OidValue;
import org.tuskdb.sql.internal.value.PgType;
import org.tuskdb.sql.internal.value.TextValue;
import org.tuskdb.sql.internal.value.TimestampValue;
import org.tuskdb.sql.internal.value.Value;

/**
 * pg_catalog.pg_stat_activity with PostgreSQL 15's columns, one row per occupied ProcArray slot
 * (auxiliary processes included, as in PostgreSQL). backend_xid and backend_xmin are read from
 * the running-transaction table as the row is made (of a pooled backend too: its warm-up runs
 * transactions). Columns Tusk has no data for yet (query_id, leader_pid, client_hostname) are
 * NULL.
 */
public final class PgStatActivity implements SystemView {
    private static final List<Column> COLUMNS = List.of(
        new Column("datid", PgType.OID), new Column("datname", PgType.NAME), new Column("pid", PgType.INT4),
        new Column("leader_pid", PgType.INT4), new Column("usesysid", PgType.OID), new Column("usename", PgType.NAME),
        new Column("application_name", PgType.TEXT), new Column("client_addr", PgType.INET),
        new Column("client_hostname", PgType.TEXT), new Column("client_port", PgType.INT4),
        new Column("backend_start", PgType.TIMESTAMPTZ), new Column("xact_start", PgType.TIMESTAMPTZ),
        new Column("query_start", PgType.TIMESTAMPTZ), new Column("state_change", PgType.TIMESTAMPTZ),
        new Column("wait_event_type", PgType.TEXT), new Column("wait_event", PgType.TEXT),
        new Column("state", PgType.TEXT), new Column("backend_xid", PgType.XID),
        new Column("backend_xmin", PgType.XID), new Column("query_id", PgType.INT8), new Column("query", PgType.TEXT),
        new Column("backend_type", PgType.TEXT));

    /** The bootstrap superuser's oid, shown for a user whose role is gone. */
    private static final long SUPERUSER_OID = 10;

    @Override public String schema() { return "pg_catalog"; }
    @Override public String name() { return "pg_stat_activity"; }
    @Override public List<Column> columns() { return COLUMNS; }

    @Override
    public List<Value[]> rows(EvalContext ctx) {
        Roles roles = Roles.of(ctx);
        java.util.Map<String, Long> databases = PgCatalogViews.databaseOids(ctx.storage());
        List<Value[]> rows = new ArrayList<>();
        for (ProcInfo p : ctx.activity()) {
            ctx.checkForInterrupts();
            rows.add(row(p, ctx.transactionOf(p.slot()), roles, databases));
        }
        return rows;
    }

    private static long userOid(Roles roles, String user) {
        Roles.Role r = roles.byName(user);
        return r == null ? SUPERUSER_OID : r.oid();
    }

    private static Value[] row(ProcInfo p, long[] xact, Roles roles, java.util.Map<String, Long> databases) {
        boolean client = p.inSession() && p.user() != null;
        Value[] r = new Value[COLUMNS.size()];
        Long datid = p.database() == null ? null : databases.get(p.database());
        r[0] = datid == null ? null : OidValue.oid(datid);
        r[1] = p.database() == null ? null : new TextValue(PgType.NAME, p.database());
        r[2] = IntegerValue.int4(p.pid());
        r[3] = null;
        r[4] = p.user() == null ? null : OidValue.oid(userOid(roles, p.user()));
        r[5] = p.user() == null ? null : new TextValue(PgType.NAME, p.user());
        r[6] = TextValue.text(p.applicationName() == null ? "" : p.applicationName());
        r[7] = client && p.clientAddr() != null ? InetValue.parse(p.clientAddr()) : null;
        r[8] = null;
        r[9] = client ? IntegerValue.int4(p.clientAddr() == null ? -1 : p.clientPort()) : null;
        r[10] = timestamp(p.backendStart() != 0 ? p.backendStart() : p.processStart());
        r[11] = timestamp(p.transactionStart());
        r[12] = timestamp(p.queryStart());
        r[13] = timestamp(p.stateChange());
        boolean waitingForClient = client && p.state() != null && p.state().startsWith("idle");
        r[14] = waitingForClient ? TextValue.text("Client") : null;
        r[15] = waitingForClient ? TextValue.text("ClientRead") : null;
        r[16] = p.state() == null ? null : TextValue.text(p.state());
        r[17] = xact == null || xact[0] == 0 ? null : new OidValue(PgType.XID, xact[0]);
        r[18] = xact == null || xact[1] == 0 ? null : new OidValue(PgType.XID, xact[1]);
        r[19] = null;
        r[20] = TextValue.text(p.query() == null ? "" : p.query());
        r[21] = TextValue.text(p.backendType() == null ? p.role() : p.backendType());
        return r;
    }

    private static Value timestamp(long epochMillis) {
        if (epochMillis == 0) {
            return null;
        }
        return TimestampValue.tz(DateTimes.fromInstant(java.time.Instant.ofEpochMilli(epochMillis)));
    }
}
