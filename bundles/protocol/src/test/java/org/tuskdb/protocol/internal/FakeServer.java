package org.tuskdb.protocol.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.tuskdb.api.SettingDefinition;
import org.tuskdb.api.SettingsRegistry;
import org.tuskdb.api.server.ClientHandoff;
import org.tuskdb.api.server.PostmasterLink;
import org.tuskdb.api.shmem.ProcArray;
import org.tuskdb.api.shmem.ProcInfo;
import org.tuskdb.api.shmem.ProcSlot;

/** The postmaster side, ProcArray slot and settings a backend sees, as fakes that record what they get. */
final class FakeServer {
    private FakeServer() {}

    /** Hands out queued clients; a queued IOException is thrown instead (the postmaster says exit). */
    static final class Link implements PostmasterLink {
        final LinkedBlockingQueue<Object> queue = new LinkedBlockingQueue<>();
        final AtomicInteger waits = new AtomicInteger();

        @Override
        public ClientHandoff awaitClient() throws IOException {
            waits.incrementAndGet();
            try {
                Object next = queue.take();
                if (next instanceof IOException e) {
                    throw e;
                }
                return (ClientHandoff) next;
            } catch (InterruptedException e) {
                throw new IOException("interrupted");
            }
        }

        @Override
        public void ready() {
        }
    }

    static final class Slot implements ProcSlot {
        final List<String> events = Collections.synchronizedList(new ArrayList<>());

        @Override
        public int slot() {
            return 3;
        }

        @Override
        public void beginSession(String database, String user, String applicationName, String clientAddr, int clientPort) {
            events.add("begin:" + database + ":" + user + ":" + applicationName);
        }

        @Override
        public void endSession() {
            events.add("end");
        }

        @Override
        public void reportState(String state, String query) {
            // null query: the slot keeps the last one (and its start time)
            events.add(query == null ? state : state + ":" + query);
        }

        @Override
        public void reportTransactionStart(long epochMillis) {
            events.add(epochMillis == 0 ? "xact:none" : "xact:start");
        }

        @Override
        public void reportApplicationName(String applicationName) {
            events.add("app:" + applicationName);
        }

        List<String> snapshot() {
            synchronized (events) {
                return List.copyOf(events);
            }
        }
    }

    static final class Procs implements ProcArray {
        final Slot slot = new Slot();

        @Override
        public int capacity() {
            return 8;
        }

        @Override
        public List<ProcInfo> snapshot() {
            return List.of();
        }

        @Override
        public ProcInfo find(long pid) {
            return null;
        }

        @Override
        public ProcSlot mySlot() {
            return slot;
        }

        @Override
        public int claim(String role) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void assign(int slot, long pid) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void setCancelKey(int slot, int cancelKey) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void release(int slot) {
            throw new UnsupportedOperationException();
        }

        @Override
        public long checkCancelKey(int pid, int key) {
            return -1;
        }

        @Override
        public boolean signalCancel(long pid) {
            return false;
        }

        @Override
        public boolean signalTerminate(long pid) {
            return false;
        }
    }

    /** Only what a backend reads: backend_max_sessions, backend_warmup_iterations (off), and reload(). */
    static final class Settings implements SettingsRegistry {
        volatile String maxSessions = "1000";
        /** Off in tests unless a test turns it on; null: unknown to the registry, as an older one. */
        volatile String warmupIterations = "0";
        final AtomicInteger reloads = new AtomicInteger();

        @Override
        public Collection<SettingDefinition> definitions() {
            return List.of();
        }

        @Override
        public SettingDefinition find(String name) {
            return null;
        }

        @Override
        public String value(String name) {
            if (name.equals("backend_max_sessions")) {
                return maxSessions;
            }
            if (name.equals(Warmup.SETTING) && warmupIterations != null) {
                return warmupIterations;
            }
            throw new IllegalArgumentException(name);
        }

        @Override
        public String source(String name) {
            return "default";
        }

        @Override
        public String normalize(String name, String value) {
            return value;
        }

        @Override
        public String display(String name, String baseValue) {
            return baseValue;
        }

        @Override
        public void reload() {
            reloads.incrementAndGet();
        }
    }
}
