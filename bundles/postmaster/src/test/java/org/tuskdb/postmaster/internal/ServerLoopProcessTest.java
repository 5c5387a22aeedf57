package org.tuskdb.postmaster.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tuskdb.api.SettingDefinition;
import org.tuskdb.api.SettingsRegistry;
import org.tuskdb.api.server.AuxiliaryRole;
import org.tuskdb.api.server.ServerControl.ShutdownMode;
import org.tuskdb.api.server.WorkerLauncher;
import org.tuskdb.api.shmem.SegmentOwner;

/**
 * The server loop supervising real child processes ({@link FakeWorker}s, plain JVMs without a
 * framework): start sequence, pool, handoff over SCM_RIGHTS, crash-restart, shutdown. Every
 * child is killed after each test, passed or failed.
 */
class ServerLoopProcessTest {
    @TempDir
    Path dir;

    private final FakeProcArray procArray = new FakeProcArray();
    private final Map<Long, Process> started = new ConcurrentHashMap<>();
    private final AtomicInteger segmentsCreated = new AtomicInteger();
    private final AtomicInteger segmentsRemoved = new AtomicInteger();
    private final CountDownLatch frameworkStopped = new CountDownLatch(1);
    private String startupBehaviour = "ok";
    private String backendBehaviour = "ok";
    private ServerLoop loop;

    @AfterEach
    void killEverything() {
        if (loop != null) {
            loop.stopAndWait(10_000);
        }
        started.values().forEach(Process::destroyForcibly);
    }

    private final WorkerLauncher launcher = (role, slot, heap) -> {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-Xshare:auto", "-XX:TieredStopAtLevel=1",
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                FakeWorker.class.getName(), dir.resolve("control").toString(), Integer.toString(slot), role,
                role.equals("startup") ? startupBehaviour : role.equals("backend") ? backendBehaviour : "ok"));
        Process process = new ProcessBuilder(command).inheritIO().start();
        started.put(process.pid(), process);
        return process;
    };

    private final SegmentOwner segmentOwner = new SegmentOwner() {
        @Override public long create() {
            procArray.recreate();
            return segmentsCreated.incrementAndGet();
        }
        @Override public void remove() {
            procArray.remove();
            segmentsRemoved.incrementAndGet();
        }
    };

    private static AuxiliaryRole role(String name, int order, AuxiliaryRole.OnExit onExit) {
        return new AuxiliaryRole() {
            @Override public String name() { return name; }
            @Override public int startOrder() { return order; }
            @Override public OnExit onExit() { return onExit; }
        };
    }

    private static SettingsRegistry settings(Map<String, String> values) {
        return new SettingsRegistry() {
            @Override public Collection<SettingDefinition> definitions() { return List.of(); }
            @Override public SettingDefinition find(String name) {
                String unit = name.equals("authentication_timeout") ? "s" : null;
                return values.containsKey(name)
                        ? new SettingDefinition(name, "string", values.get(name), unit, "sighup", "", "", null, null, List.of())
                        : null;
            }
            @Override public String value(String name) { return values.get(name); }
            @Override public String source(String name) { return "default"; }
            @Override public String normalize(String name, String value) { return value; }
            @Override public String display(String name, String baseValue) { return baseValue; }
            @Override public void reload() { }
        };
    }

    private void startServer() throws IOException {
        Files.writeString(dir.resolve("postmaster.pid"), "1\n" + dir + "\nstarting\n");
        SettingsRegistry registry = settings(Map.of("port", "0", "listen_addresses", "127.0.0.1",
                "unix_socket_directories", "", "authentication_timeout", "10",
                "backend_pool_min_idle", "2", "backend_pool_max_idle", "4"));
        List<AuxiliaryRole> roles = List.of(role("logger", 0, AuxiliaryRole.OnExit.RESTART),
                role("startup", 10, AuxiliaryRole.OnExit.RUN_ONCE));
        loop = new ServerLoop(registry, segmentOwner, procArray, launcher, () -> roles,
                new PidFile(dir.resolve("postmaster.pid")), () -> { }, frameworkStopped::countDown);
        loop.start(dir.resolve("control"));
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "timed out waiting until " + what);
            Thread.sleep(20);
        }
    }

    private boolean readyWithIdleBackends(int idle) {
        return loop.phase() == ServerLoop.Phase.RUNNING && loop.counters().get("idle_backends") >= idle;
    }

    /** A client's startup packet over TCP; returns what the backend (or postmaster) answered. */
    private int connectAndReadFirstByte() throws IOException {
        try (Socket socket = new Socket("127.0.0.1", loop.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(FirstPacketTest.startupMessage(196608, "user", "alice"));
            out.flush();
            InputStream in = socket.getInputStream();
            return in.read();
        }
    }

    @Test
    void readyComesBeforeTheFirstBackendIsIdleAndAnEarlyClientWaitsForOne() throws Exception {
        backendBehaviour = "slow";
        startServer();
        await("postmaster.pid says ready", () -> readString(dir.resolve("postmaster.pid")).endsWith("ready   \n"));
        assertEquals(0, loop.counters().get("idle_backends"), "ready did not wait for a backend JVM");
        assertEquals('Z', connectAndReadFirstByte(), "the early client is served once a backend is idle");
    }

    @Test
    void aReloadWhileBackendsStartReachesThemOnceTheyConnect() throws Exception {
        backendBehaviour = "late-hup";
        startServer();
        await("backends were started", () -> procArray.pidsOf("backend").size() >= 2);
        // the backends sleep before they can take a SIGHUP: the postmaster must hold it back
        loop.reload();
        await("the pool is ready", () -> readyWithIdleBackends(2));
        assertEquals(0, loop.counters().get("crash_restarts"), "a starting backend died of the SIGHUP");
        for (long pid : procArray.pidsOf("backend")) {
            await("backend " + pid + " got the SIGHUP after it connected",
                () -> Files.exists(dir.resolve("hup-" + pid)));
        }
    }

    @Test
    void serverStartsHandsOffRecoversFromKill9AndShutsDownSmartly() throws Exception {
        startServer();
        await("the pool is ready", () -> readyWithIdleBackends(2));
        await("postmaster.pid says ready", () -> readString(dir.resolve("postmaster.pid")).endsWith("ready   \n"));
        assertEquals(1, segmentsCreated.get());
        assertEquals("running", loop.state());

        // A client is handed to a backend process, which answers it directly.
        assertEquals('Z', connectAndReadFirstByte());
        assertEquals(1, loop.counters().get("sessions_handed_off"));
        await("the session ended", () -> loop.counters().get("sessions") == 0);

        // kill -9 of a backend takes every other process down and starts afresh.
        List<Long> backendsBefore = procArray.pidsOf("backend");
        long loggerBefore = procArray.pidsOf("logger").getFirst();
        Process victim = started.get(backendsBefore.getFirst());
        victim.destroyForcibly();
        await("crash recovery ran", () -> loop.counters().get("crash_restarts") == 1);
        await("the pool is ready again", () -> segmentsCreated.get() == 2 && readyWithIdleBackends(2));
        for (long pid : backendsBefore) {
            assertFalse(started.get(pid).isAlive(), "backend " + pid + " survived the crash");
        }
        assertFalse(started.get(loggerBefore).isAlive(), "the logger is restarted with everything else");
        assertNotEquals(loggerBefore, procArray.pidsOf("logger").getFirst());
        assertEquals('Z', connectAndReadFirstByte());

        // Smart shutdown: idle backends leave, the logger goes last, the framework is stopped.
        loop.requestShutdown(ShutdownMode.SMART);
        assertTrue(frameworkStopped.await(30, TimeUnit.SECONDS));
        assertEquals(ServerLoop.Phase.STOPPED, loop.phase());
        assertEquals(1, segmentsRemoved.get());
        for (Process process : started.values()) {
            assertTrue(process.waitFor(10, TimeUnit.SECONDS), "a child outlived the shutdown");
        }
        assertTrue(readString(dir.resolve("postmaster.pid")).endsWith("stopping\n"));
        assertFalse(Files.exists(dir.resolve("control")));
    }

    @Test
    void failingStartupProcessAbortsStartup() throws Exception {
        startupBehaviour = "fail";
        startServer();
        assertTrue(frameworkStopped.await(30, TimeUnit.SECONDS));
        assertEquals(ServerLoop.Phase.STOPPED, loop.phase());
        assertEquals(0, loop.counters().get("workers_started") - 2, "no backend may start");
        for (Process process : started.values()) {
            assertTrue(process.waitFor(10, TimeUnit.SECONDS), "a child outlived the failed start");
        }
    }

    @Test
    void loggerThatDiesIsSimplyRestarted() throws Exception {
        startServer();
        await("the pool is ready", () -> readyWithIdleBackends(2));
        List<Long> backends = procArray.pidsOf("backend");
        long logger = procArray.pidsOf("logger").getFirst();
        started.get(logger).destroyForcibly();
        await("a new logger runs", () -> !procArray.pidsOf("logger").isEmpty()
                && procArray.pidsOf("logger").getFirst() != logger);
        assertEquals(0, loop.counters().get("crash_restarts"));
        assertEquals(1, loop.counters().get("auxiliary_restarts"));
        for (long pid : backends) {
            assertTrue(started.get(pid).isAlive(), "a backend died with the logger");
        }
    }

    private static String readString(Path path) {
        try {
            return Files.readString(path);
        } catch (IOException e) {
            return "";
        }
    }
}
