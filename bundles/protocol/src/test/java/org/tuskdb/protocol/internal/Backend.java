package org.tuskdb.protocol.internal;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.tuskdb.api.server.ClientHandoff;
import org.tuskdb.platform.linux.UnixSocket;

/**
 * A backend main loop on a thread of the test JVM, with fakes around it. Clients connect over
 * socket pairs handed over as the postmaster would; the process exit is recorded, not done.
 */
final class Backend implements AutoCloseable {
    static final long PID = 4242;
    static final int CANCEL_KEY = 0x1234abcd;

    final FakeEngine engine = new FakeEngine();
    final FakeServer.Link link = new FakeServer.Link();
    final FakeServer.Procs procs = new FakeServer.Procs();
    final FakeServer.Settings settings = new FakeServer.Settings();
    final CompletableFuture<Integer> exit = new CompletableFuture<>();
    final Interrupts interrupts;
    final BackendLoop loop;
    private final Thread thread;

    Backend() throws IOException {
        interrupts = new Interrupts(exit::complete);
        loop = new BackendLoop(link, engine, procs, settings, PID, interrupts, exit::complete);
        thread = new Thread(loop, "test-backend");
        thread.setDaemon(true);
        thread.start();
    }

    TestClient connect() throws IOException {
        return connect(Map.of("user", "alice", "database", "db", "application_name", "test"));
    }

    TestClient connect(Map<String, String> parameters) throws IOException {
        return connect(TestClient.startupPacket(parameters));
    }

    /** Hands the server end of a fresh socket pair to the backend with this startup packet. */
    TestClient connect(byte[] startupPacket) throws IOException {
        int[] pair = UnixSocket.pair();
        link.queue.add(new ClientHandoff(pair[0], startupPacket, null, -1, CANCEL_KEY));
        return new TestClient(pair[1]);
    }

    /** Connects and reads through the startup answer (up to the first ReadyForQuery). */
    TestClient session() throws IOException {
        TestClient c = connect();
        c.readUntil('Z');
        return c;
    }

    Integer exitStatus() throws Exception {
        return exit.get(TestClient.TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
    }

    boolean exited() {
        return exit.isDone();
    }

    /** Waits until the loop asks the postmaster for its n-th client (it went back to the pool). */
    void awaitIdle(int waits) throws InterruptedException {
        long deadline = System.currentTimeMillis() + TestClient.TIMEOUT_MILLIS;
        while (link.waits.get() < waits || thread.getState() != Thread.State.WAITING) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("backend did not return to the pool; waits=" + link.waits.get());
            }
            Thread.sleep(5);
        }
    }

    FakeEngine.FakeSession lastSession() {
        return engine.sessions.getLast();
    }

    @Override
    public void close() throws InterruptedException {
        link.queue.add(new IOException("postmaster says exit"));
        thread.join(TestClient.TIMEOUT_MILLIS);
        interrupts.close();
    }
}
