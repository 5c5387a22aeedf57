package org.tuskdb.sql.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tuskdb.api.DatabaseException;
import org.tuskdb.api.shmem.ProcInfo;

/** version(), pg_backend_pid(), pg_sleep(), backend signalling and pg_stat_activity. */
class SystemFunctionsTest {
    private final SessionFixture db = new SessionFixture(Map.of("application_name", "junit"), true);

    @Test
    void versionStartsLikePostgreSQL15() {
        String v = db.value("select version()");
        assertTrue(v.startsWith("PostgreSQL 15.0 (Tusk 0.1.0) on "), v);
        assertTrue(v.contains("compiled by Java"), v);
    }

    @Test
    void backendPidIsTheSessionsPid() {
        assertEquals("4242", db.value("select pg_backend_pid()"));
    }

    @Test
    void pgSleepSleepsThroughTheHost() {
        assertEquals("", db.value("select pg_sleep(0.25)"));
        assertEquals(250_000_000L, db.host.sleptNanos);
    }

    @Test
    void cancelDuringSleepEndsTheStatement() {
        db.host.cancelPending = true;
        DatabaseException e = db.error("select pg_sleep(10)");
        assertEquals("57014", e.sqlState());
        assertEquals("1", db.value("select 1"));
    }

    @Test
    void cancelAndTerminateGoThroughTheProcArray() {
        db.procArray.others.add(new ProcInfo(1, 777, "backend", "client backend", "active", "postgres", "bob", "",
            null, -1, 0, 0, 0, 0, 0, "select 1", true));
        assertEquals("t", db.value("select pg_cancel_backend(777)"));
        assertEquals("t", db.value("select pg_terminate_backend(777)"));
        assertEquals(List.of("cancel 777", "terminate 777"), db.procArray.signals);
    }

    @Test
    void signallingAProcessThatIsNotOursWarns() {
        db.procArray.others.add(new ProcInfo(2, 888, "logger", "logger", null, null, null, null, null, 0, 0, 0, 0, 0, 0,
            null, false));
        assertEquals("f", db.value("select pg_cancel_backend(888)"));
        assertEquals("PID 888 is not a PostgreSQL backend process", db.sink.notices.get(0).getMessage());
        assertEquals(DatabaseException.Severity.WARNING, db.sink.notices.get(0).severity());
        assertEquals("f", db.value("select pg_terminate_backend(1)"));
        assertTrue(db.procArray.signals.isEmpty());
    }

    @Test
    void pgStatActivityHasPostgreSQLsColumnsAndOneRowPerProcess() {
        db.procArray.others.add(new ProcInfo(2, 888, "logger", "logger", null, null, null, null, null, 0, 1000, 0, 0, 0, 0,
            null, false));
        db.rows("select * from pg_stat_activity");
        assertEquals(List.of("datid", "datname", "pid", "leader_pid", "usesysid", "usename", "application_name",
            "client_addr", "client_hostname", "client_port", "backend_start", "xact_start", "query_start",
            "state_change", "wait_event_type", "wait_event", "state", "backend_xid", "backend_xmin", "query_id",
            "query", "backend_type"), db.sink.columnNames());
        assertEquals(2, db.sink.rows.size());
        // the protocol layer reports this backend's state and query to its slot before running it
        db.procArray.state = "active";
        db.procArray.query = "select ...";
        assertEquals("4242|postgres|alice|127.0.0.1|40000|active|select ...|client backend||",
            db.value("select pid, datname, usename, client_addr, client_port, state, query, backend_type, wait_event, "
                + "xact_start from pg_catalog.pg_stat_activity a where a.pid = pg_backend_pid()"));
        assertEquals("888||||logger", db.value("select pid, datname, state, client_port, backend_type "
            + "from pg_stat_activity where backend_type <> 'client backend'"));
        assertEquals(List.of("client backend", "logger"),
            db.rows("select distinct backend_type from pg_stat_activity order by backend_type"));
        assertEquals("42703", db.error("select nosuch from pg_stat_activity").sqlState());
    }

    @Test
    void clockAndStatementTimestampsAdvance() {
        assertEquals("t|t|t", db.value("select clock_timestamp() >= now(), now() = transaction_timestamp(), "
            + "now() = current_timestamp"));
    }
}
