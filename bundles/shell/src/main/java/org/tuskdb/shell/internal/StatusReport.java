package org.tuskdb.shell.internal;

import java.time.Duration;
import java.time.ZoneId;
import java.util.List;

import org.tuskdb.api.ProcessContext;
import org.tuskdb.api.server.ServerControl;
import org.tuskdb.api.shmem.ProcInfo;

/**
 * {@code tusk:status}: the server as a whole (state, uptime, data directory, port), then every
 * process, the postmaster first. The postmaster has no ProcArray slot, so its line comes from
 * ServerControl; the others come from one ProcArray snapshot.
 */
final class StatusReport {
    private StatusReport() {
    }

    static String render(ServerControl server, long postmasterPid, List<ProcInfo> procs, long nowMillis, ZoneId zone) {
        long start = server.startTimeMillis();
        long sessions = procs.stream().filter(p -> ActivityReport.isBackend(p) && p.inSession()).count();
        long pooled = procs.stream().filter(p -> ActivityReport.isBackend(p) && !p.inSession()).count();
        String header = new RecordView()
                .field("state", server.state())
                .field("uptime", Times.interval(Duration.ofMillis(nowMillis - start))
                        + " (since " + Times.timestamp(start, zone) + " " + zone.getId() + ")")
                .field("data dir", server.dataDirectory())
                .field("port", server.port())
                .field("processes", (procs.size() + 1) + " (" + sessions + " in session, " + pooled + " pooled backends)")
                .render();
        TextTable table = new TextTable("slot", "pid", "role", "state", "started", "backend start");
        table.row("-", postmasterPid, ProcessContext.ROLE_POSTMASTER, server.state(), Times.timestamp(start, zone), "");
        for (ProcInfo p : procs) {
            table.row(p.slot(), p.pid(), p.role(), ActivityReport.state(p),
                    Times.timestamp(p.processStart(), zone), Times.timestamp(p.backendStart(), zone));
        }
        return header + "\n" + table.render();
    }
}
