package org.tuskdb.shell.internal;

import java.time.ZoneId;
import java.util.List;

import org.tuskdb.api.ProcessContext;
import org.tuskdb.api.shmem.ProcInfo;

/**
 * {@code tusk:backends}: the sessions, read from a ProcArray snapshot, with pg_stat_activity's
 * columns; each row's query (the last or current statement) on the lines under it, where it has
 * nearly the whole screen's width instead of what the other columns leave. By default only backends serving a session (what an administrator is looking for);
 * with all, every process, including idle pooled backends and auxiliary roles, as
 * pg_stat_activity lists them.
 */
final class ActivityReport {
    private ActivityReport() {
    }

    static String render(List<ProcInfo> procs, boolean all, long nowMillis, ZoneId zone) {
        TextTable table = all
                ? new TextTable("pid", "role", "user", "database", "application", "client", "state", "query start")
                : new TextTable("pid", "user", "database", "application", "client", "state", "query start");
        for (ProcInfo p : procs) {
            if (!all && !(isBackend(p) && p.inSession())) {
                continue;
            }
            String queryStart = Times.shortTimestamp(p.queryStart(), nowMillis, zone);
            if (all) {
                table.rowWithDetail(p.query(), p.pid(), p.role(), p.user(), p.database(), p.applicationName(), client(p), state(p), queryStart);
            } else {
                table.rowWithDetail(p.query(), p.pid(), p.user(), p.database(), p.applicationName(), client(p), state(p), queryStart);
            }
        }
        if (!all && table.rowCount() == 0) {
            return "no sessions (tusk:backends -a lists every process)\n";
        }
        return table.render();
    }

    static boolean isBackend(ProcInfo p) {
        return ProcessContext.ROLE_BACKEND.equals(p.role());
    }

    /** pg_stat_activity.state; a backend waiting in the pool has none, so say that it is pooled. */
    static String state(ProcInfo p) {
        if (isBackend(p) && !p.inSession()) {
            return "pooled";
        }
        return p.state() == null || p.state().isEmpty() ? "-" : p.state();
    }

    /** Client address and port; a Unix-socket client has no address (PostgreSQL shows NULL) and shows as local. */
    static String client(ProcInfo p) {
        if (!p.inSession()) {
            return "";
        }
        if (p.clientAddr() == null || p.clientAddr().isEmpty()) {
            return "local";
        }
        return p.clientPort() > 0 ? p.clientAddr() + ":" + p.clientPort() : p.clientAddr();
    }
}
