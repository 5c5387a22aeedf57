package org.tuskdb.protocol.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tuskdb.protocol.internal.TestClient.assertError;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.tuskdb.api.DatabaseException;
import org.tuskdb.protocol.internal.TestClient.Msg;

class InterruptsTest {
    private final Backend backend;

    InterruptsTest() throws Exception {
        backend = new Backend();
    }

    @AfterEach
    void stop() throws Exception {
        backend.close();
    }

    /** Waits until the fake engine has entered the statement. */
    private void awaitRunning(String call) throws InterruptedException {
        long deadline = System.currentTimeMillis() + TestClient.TIMEOUT_MILLIS;
        while (backend.engine.sessions.isEmpty() || !backend.lastSession().calls.contains(call)) {
            assertTrue(System.currentTimeMillis() < deadline, "statement did not start");
            Thread.sleep(5);
        }
        Thread.sleep(20);
    }

    @Test
    void cancelWakesASleepingStatementWith57014() throws Exception {
        try (TestClient c = backend.session()) {
            long start = System.nanoTime();
            c.query("sleep");
            awaitRunning("query:sleep");
            backend.interrupts.requestCancel();
            List<Msg> m = c.readUntil('Z');
            assertEquals("TEZ", m.stream().map(x -> String.valueOf(x.type())).reduce("", String::concat));
            assertError(m.get(1), "ERROR", "57014", "canceling statement due to user request");
            assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(5), "woke early");
            c.query("select 1");
            assertEquals("TDCZ", c.typesUntilReady(), "the session goes on");
        }
    }

    @Test
    void cancelWhileIdleIsIgnored() throws Exception {
        try (TestClient c = backend.session()) {
            backend.interrupts.requestCancel();
            Thread.sleep(20);
            c.query("select 1");
            assertEquals("TDCZ", c.typesUntilReady());
        }
    }

    @Test
    void terminateWhileIdleSendsFatalAndExits() throws Exception {
        try (TestClient c = backend.session()) {
            backend.interrupts.requestTerminate();
            List<Msg> m = c.readToEnd();
            assertEquals(1, m.size());
            assertError(m.getFirst(), "FATAL", "57P01", "terminating connection due to administrator command");
        }
        assertEquals(1, backend.exitStatus());
        assertTrue(backend.lastSession().closed);
        assertEquals("end", backend.procs.slot.snapshot().getLast());
    }

    @Test
    void terminateDuringAStatementSendsFatalAndExits() throws Exception {
        try (TestClient c = backend.session()) {
            c.query("sleep");
            awaitRunning("query:sleep");
            backend.interrupts.requestTerminate();
            List<Msg> m = c.readToEnd();
            assertEquals('T', m.getFirst().type());
            assertError(m.getLast(), "FATAL", "57P01", "terminating connection due to administrator command");
        }
        assertEquals(1, backend.exitStatus());
    }

    @Test
    void terminateWithoutASessionExitsAtOnce() throws Exception {
        backend.awaitIdle(1);
        backend.interrupts.requestTerminate();
        assertEquals(0, backend.exitStatus());
    }

    @Test
    void postmasterSayingExitEndsTheBackend() throws Exception {
        backend.awaitIdle(1);
        backend.link.queue.add(new java.io.IOException("exit"));
        assertEquals(0, backend.exitStatus());
    }

    @Test
    void hostSleepWakesForCancelOnlyWhenAStatementRuns() throws Exception {
        CompletableFuture<Integer> exit = new CompletableFuture<>();
        Interrupts i = new Interrupts(exit::complete);
        try {
            i.beginSession(Thread.currentThread(), -1, null);
            i.leaveIdle();
            long start = System.nanoTime();
            Thread canceller = new Thread(() -> {
                try {
                    Thread.sleep(50);
                } catch (InterruptedException ignored) {
                    // test ends anyway
                }
                i.requestCancel();
            });
            canceller.start();
            DatabaseException e = assertThrows(DatabaseException.class, () -> i.sleep(TimeUnit.SECONDS.toNanos(20)));
            assertEquals("57014", e.sqlState());
            assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(5));
            i.checkForInterrupts(); // the cancel was consumed
            i.enterIdle();
            i.requestCancel();
            i.leaveIdle();
            i.checkForInterrupts(); // dropped: it came while idle
            i.sleep(1_000_000);
            i.requestTerminate();
            DatabaseException t = assertThrows(DatabaseException.class, i::checkForInterrupts);
            assertEquals(DatabaseException.Severity.FATAL, t.severity());
            assertEquals("57P01", t.sqlState());
            assertFalse(exit.isDone(), "in a session, terminate is left to the main thread");
            i.endSession();
        } finally {
            i.close();
        }
    }

    @Test
    void heldInterruptsLetTheCleanupOfALostSessionRunUntilTheSessionEnds() throws Exception {
        CompletableFuture<Integer> exit = new CompletableFuture<>();
        Interrupts i = new Interrupts(exit::complete);
        try {
            i.beginSession(Thread.currentThread(), -1, null);
            i.leaveIdle();
            i.clientConnectionLost();
            assertEquals("08006", assertThrows(DatabaseException.class, i::checkForInterrupts).sqlState());
            i.holdInterrupts();
            i.checkForInterrupts(); // the cleanup (temporary tables, the open transaction) runs on
            i.sleep(1_000_000);
            i.endSession();
            i.beginSession(Thread.currentThread(), -1, null);
            i.leaveIdle();
            i.clientConnectionLost();
            assertEquals("08006", assertThrows(DatabaseException.class, i::checkForInterrupts).sqlState(),
                    "the next session's interrupts count again");
            i.endSession();
        } finally {
            i.close();
        }
    }
}
