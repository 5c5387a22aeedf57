package org.tuskdb.shell.internal;

import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;

import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tuskdb.api.ProcessContext;
import org.tuskdb.api.SettingDefinition;
import org.tuskdb.api.SettingsRegistry;
import org.tuskdb.api.server.ServerControl;
import org.tuskdb.api.server.ServerControl.ShutdownMode;
import org.tuskdb.api.shmem.ProcArray;
import org.tuskdb.api.shmem.ProcInfo;

/**
 * The {@code tusk:} Gogo commands, in the postmaster only. Each reads or acts through api
 * services (ServerControl, ProcArray, SettingsRegistry) and returns its answer as text, which
 * Gogo consoles print; failures are thrown, so a console reports them as errors and Gogo keeps
 * them in {@code $exception}.
 */
@Component(service = TuskCommands.class, property = {
        "osgi.command.scope=tusk",
        "osgi.command.function=status",
        "osgi.command.function=backends",
        "osgi.command.function=cancel",
        "osgi.command.function=terminate",
        "osgi.command.function=settings",
        "osgi.command.function=stop"})
public final class TuskCommands {
    private static final Logger log = LoggerFactory.getLogger(TuskCommands.class);

    private final ServerControl server;
    private final ProcArray procs;
    private final SettingsRegistry settings;
    private final ProcessContext process;
    private final Clock clock;

    @Activate
    public TuskCommands(@Reference(name = "server") ServerControl server, @Reference(name = "procs") ProcArray procs,
                        @Reference(name = "settings") SettingsRegistry settings,
                        @Reference(name = "process", target = "(" + ProcessContext.ROLE_PROPERTY + "=" + ProcessContext.ROLE_POSTMASTER + ")")
                        ProcessContext process) {
        this(server, procs, settings, process, Clock.systemUTC());
    }

    TuskCommands(ServerControl server, ProcArray procs, SettingsRegistry settings, ProcessContext process, Clock clock) {
        this.server = server;
        this.procs = procs;
        this.settings = settings;
        this.process = process;
        this.clock = clock;
    }

    @Descriptor("Shows the server: state, uptime, data directory, port, and every process with its role and pid")
    public String status() {
        return StatusReport.render(server, process.pid(), procs.snapshot(), clock.millis(), zone());
    }

    @Descriptor("Lists the sessions, like pg_stat_activity: pid, user, database, application, client, state, query")
    public String backends(
            @Descriptor("every process: idle pooled backends and auxiliary roles too")
            @Parameter(names = {"-a", "--all"}, presentValue = "true", absentValue = "false") boolean all) {
        return ActivityReport.render(procs.snapshot(), all, clock.millis(), zone());
    }

    @Descriptor("Cancels the statement a backend is running (SIGINT, as pg_cancel_backend); its session goes on")
    public String cancel(@Descriptor("process id of the backend (tusk:backends lists them)") long pid) {
        ProcInfo backend = requireBackend(pid);
        if (!procs.signalCancel(pid)) {
            throw notOurs(pid);
        }
        log.info("shell: sent cancel request to backend {}", pid);
        return "sent cancel request to backend " + pid + " (" + ActivityReport.state(backend) + ")\n";
    }

    @Descriptor("Ends a backend's session (SIGTERM, as pg_terminate_backend): the client gets FATAL 57P01")
    public String terminate(@Descriptor("process id of the backend (tusk:backends lists them)") long pid) {
        ProcInfo backend = requireBackend(pid);
        if (!procs.signalTerminate(pid)) {
            throw notOurs(pid);
        }
        log.info("shell: sent terminate request to backend {}", pid);
        return "sent terminate request to backend " + pid + " (" + ActivityReport.state(backend) + ")\n";
    }

    @Descriptor("Lists every setting: value as SHOW shows it, source, context, description")
    public String settings() {
        return SettingsReport.table(settings, settings.definitions());
    }

    @Descriptor("Shows one setting in full, or every setting whose name contains the text")
    public String settings(@Descriptor("setting name (case-insensitive), or part of one") String name) {
        SettingDefinition exact = settings.find(name);
        if (exact != null) {
            return SettingsReport.record(settings, exact);
        }
        String part = name.toLowerCase(Locale.ROOT);
        List<SettingDefinition> matching = settings.definitions().stream()
                .filter(d -> d.name().toLowerCase(Locale.ROOT).contains(part))
                .toList();
        if (matching.isEmpty()) {
            throw new IllegalArgumentException("unrecognized configuration parameter \"" + name + "\"");
        }
        return SettingsReport.table(settings, matching);
    }

    @Descriptor("Stops the server with a fast shutdown: sessions end with FATAL 57P01, then every process stops")
    public String stop(CommandSession session) {
        return stop(session, "fast");
    }

    @Descriptor("Stops the server: smart waits for sessions to end, fast ends them, immediate stops every process at once")
    public String stop(CommandSession session, @Descriptor("smart, fast or immediate (or s, f, i)") String mode) {
        ShutdownMode shutdownMode = parseMode(mode);
        log.info("shell: {} shutdown requested", name(shutdownMode));
        // The shutdown stops this bundle and with it the console: reply first, then shut down.
        AfterReply.schedule(session, "stop", () -> server.shutdown(shutdownMode));
        return switch (shutdownMode) {
            case SMART -> "smart shutdown requested: no new connections; the server stops when the last session ends\n";
            case FAST -> "fast shutdown requested: sessions end with FATAL 57P01, then the server stops\n";
            case IMMEDIATE -> "immediate shutdown requested: every process stops at once\n";
        };
    }

    static ShutdownMode parseMode(String text) {
        String wanted = text.strip().toLowerCase(Locale.ROOT);
        for (ShutdownMode mode : ShutdownMode.values()) {
            String name = name(mode);
            if (name.equals(wanted) || (wanted.length() == 1 && name.startsWith(wanted))) {
                return mode;
            }
        }
        throw new IllegalArgumentException("unrecognized shutdown mode \"" + text + "\": use smart, fast or immediate");
    }

    private static String name(ShutdownMode mode) {
        return mode.name().toLowerCase(Locale.ROOT);
    }

    /** Only client backends are signalled: SIGINT/SIGTERM mean something else to auxiliary roles. */
    private ProcInfo requireBackend(long pid) {
        ProcInfo proc = procs.find(pid);
        if (proc == null) {
            throw notOurs(pid);
        }
        if (!ActivityReport.isBackend(proc)) {
            throw new IllegalArgumentException("PID " + pid + " is the " + proc.role() + " process, not a backend");
        }
        return proc;
    }

    private static IllegalArgumentException notOurs(long pid) {
        return new IllegalArgumentException("PID " + pid + " is not a process of this server");
    }

    /** The server's TimeZone setting, so times read as they do in SQL; UTC when it is unusable. */
    private ZoneId zone() {
        try {
            SettingDefinition timeZone = settings.find("TimeZone");
            String value = timeZone == null ? null : settings.value(timeZone.name());
            if (value != null && !value.isBlank()) {
                return ZoneId.of(value.strip());
            }
        } catch (RuntimeException e) {
            // an unknown zone name: fall through to UTC rather than fail the command
        }
        return ZoneId.of("UTC");
    }
}
