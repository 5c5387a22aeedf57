package org.tuskdb.shell.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.tuskdb.api.ProcessContext;
import org.tuskdb.api.SettingDefinition;
import org.tuskdb.api.SettingsRegistry;
import org.tuskdb.api.server.ServerControl;
import org.tuskdb.api.shmem.ProcArray;
import org.tuskdb.api.shmem.ProcInfo;
import org.tuskdb.api.shmem.ProcSlot;

/** Stand-ins for the api services the commands use, holding exactly what a test puts in. */
final class Fakes {
    /** 2026-11-26 10:00:00 UTC. */
    static final long START = 1_795_687_200_000L;

    private Fakes() {
    }

    static class Server implements ServerControl {
        final List<ShutdownMode> shutdowns = new ArrayList<>();
        String state = "running";

        @Override public String state() { return state; }
        @Override public long startTimeMillis() { return START; }
        @Override public Path dataDirectory() { return Path.of("/srv/tusk/data"); }
        @Override public int port() { return 5433; }
        @Override public synchronized void shutdown(ShutdownMode mode) { shutdowns.add(mode); }
        synchronized List<ShutdownMode> shutdowns() { return List.copyOf(shutdowns); }
    }

    static final class Procs implements ProcArray {
        final List<ProcInfo> procs = new ArrayList<>();
        final List<Long> cancelled = new ArrayList<>();
        final List<Long> terminated = new ArrayList<>();

        Procs add(ProcInfo p) {
            procs.add(p);
            return this;
        }

        @Override public int capacity() { return 16; }
        @Override public List<ProcInfo> snapshot() { return List.copyOf(procs); }
        @Override public ProcInfo find(long pid) { return procs.stream().filter(p -> p.pid() == pid).findFirst().orElse(null); }
        @Override public ProcSlot mySlot() { throw new UnsupportedOperationException(); }
        @Override public int claim(String role) { throw new UnsupportedOperationException(); }
        @Override public void assign(int slot, long pid) { throw new UnsupportedOperationException(); }
        @Override public void setCancelKey(int slot, int cancelKey) { throw new UnsupportedOperationException(); }
        @Override public void release(int slot) { throw new UnsupportedOperationException(); }
        @Override public long checkCancelKey(int pid, int key) { return -1; }

        @Override public boolean signalCancel(long pid) {
            cancelled.add(pid);
            return find(pid) != null;
        }

        @Override public boolean signalTerminate(long pid) {
            terminated.add(pid);
            return find(pid) != null;
        }
    }

    static ProcInfo logger(int slot, long pid) {
        return new ProcInfo(slot, pid, "logger", "logger", null, null, null, null, null, 0,
                START + 1_000, 0, 0, 0, 0, null, false);
    }

    static ProcInfo pooledBackend(int slot, long pid) {
        return new ProcInfo(slot, pid, "backend", "client backend", "idle", null, null, null, null, 0,
                START + 2_000, 0, 0, 0, 0, null, false);
    }

    static ProcInfo session(int slot, long pid, String state, String query, String clientAddr) {
        return new ProcInfo(slot, pid, "backend", "client backend", state, "postgres", "alice", "psql", clientAddr, 51234,
                START + 2_000, START + 60_000, START + 61_000, START + 62_000, START + 62_000, query, true);
    }

    static final class Settings implements SettingsRegistry {
        final Map<String, SettingDefinition> definitions = new LinkedHashMap<>();
        final Map<String, String> values = new LinkedHashMap<>();

        Settings define(String name, String type, String boot, String unit, String context, String desc) {
            definitions.put(name, new SettingDefinition(name, type, boot, unit, context, "Resource Usage / Memory", desc,
                    unit == null ? null : "64", unit == null ? null : "2147483647", List.of()));
            values.put(name, boot);
            return this;
        }

        static Settings typical() {
            return new Settings()
                    .define("max_connections", "integer", "100", null, "postmaster", "Sets the maximum number of concurrent connections.")
                    .define("port", "integer", "5432", null, "postmaster", "Sets the TCP port the server listens on.")
                    .define("timezone", "string", "UTC", null, "user", "Sets the time zone for displaying and interpreting time stamps.")
                    .define("work_mem", "integer", "4096", "kB", "user",
                            "Sets the maximum memory to be used for query workspaces, before writing to temporary disk files.");
        }

        @Override public Collection<SettingDefinition> definitions() { return definitions.values(); }
        @Override public SettingDefinition find(String name) { return definitions.get(name.toLowerCase(Locale.ROOT)); }
        @Override public String value(String name) { return values.get(name); }
        @Override public String source(String name) { return name.equals("port") ? "configuration file" : "default"; }
        @Override public String normalize(String name, String value) { return value; }
        @Override public void reload() { }

        /** kB values the way SHOW prints them: 4096 -> 4MB. */
        @Override public String display(String name, String baseValue) {
            SettingDefinition d = find(name);
            if (d != null && "kB".equals(d.unit())) {
                long kb = Long.parseLong(baseValue);
                return kb % 1024 == 0 ? kb / 1024 + "MB" : kb + "kB";
            }
            return baseValue;
        }
    }

    static final class Process implements ProcessContext {
        private final Path data;

        Process(Path data) {
            this.data = data;
        }

        @Override public String role() { return ROLE_POSTMASTER; }
        @Override public Path dataDirectory() { return data; }
        @Override public int slot() { return -1; }
        @Override public long pid() { return 4242; }
        @Override public long postmasterPid() { return 4242; }
        @Override public Path controlSocket() { return data.resolve(".s.tusk.control"); }
        @Override public Path installDirectory() { return Path.of("/opt/tusk"); }
        @Override public long startTimeMillis() { return START; }
    }
}
