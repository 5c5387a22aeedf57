package org.tuskdb.postmaster.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class BackendPoolTest {
    private final AtomicInteger demands = new AtomicInteger();
    private final BackendPool pool = new BackendPool(demands::incrementAndGet);

    static Child backend(long pid) {
        return new Child("backend", Supervision.BACKEND, null, (int) pid, null, pid, 1);
    }

    @Test
    void sessionsStopAtMaxConnections() {
        assertTrue(pool.reserveSession(2));
        assertTrue(pool.reserveSession(2));
        assertFalse(pool.reserveSession(2));
        pool.releaseSession();
        assertTrue(pool.reserveSession(2));
        assertEquals(2, pool.sessions());
    }

    @Test
    void takeReturnsMostRecentlyIdleBackendWithoutSignallingDemand() throws Exception {
        pool.open();
        Child first = backend(1);
        Child second = backend(2);
        pool.offer(first);
        pool.offer(second);
        assertSame(second, pool.take(System.nanoTime()));
        assertEquals(0, demands.get(), "the tick keeps the minimum, not every take");
        assertSame(first, pool.pollOldest());
    }

    @Test
    void aBackendComingBackWithinTheGraceIsTakenWithoutDemand() throws Exception {
        // a grace far longer than any scheduler delay, so the outcome does not depend on timing
        BackendPool graced = new BackendPool(demands::incrementAndGet, TimeUnit.SECONDS.toNanos(30));
        graced.open();
        CompletableFuture<Child> taken = CompletableFuture.supplyAsync(() -> {
            try {
                return graced.take(System.nanoTime() + TimeUnit.SECONDS.toNanos(60));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(100);
        assertFalse(taken.isDone());
        assertEquals(0, graced.waiting(), "within the grace a client does not count as waiting");
        assertEquals(0, demands.get());
        Child returning = backend(7);
        graced.offer(returning);
        assertSame(returning, taken.get(5, TimeUnit.SECONDS));
        assertEquals(0, demands.get());
    }

    @Test
    void watermarksCoverEveryCountOfThePeriod() throws Exception {
        pool.open();
        pool.offer(backend(1));
        pool.offer(backend(2));
        pool.offer(backend(3));
        Child a = pool.take(System.nanoTime());
        pool.take(System.nanoTime());
        pool.take(System.nanoTime());
        pool.offer(a);
        assertEquals(3, pool.takeIdleHigh());
        assertEquals(0, pool.takeIdleLow());
        // the next period starts at the count of the moment
        assertEquals(1, pool.takeIdleHigh());
        assertEquals(1, pool.takeIdleLow());
    }

    @Test
    void takeWaitsForABackendToBecomeIdle() throws Exception {
        pool.open();
        CompletableFuture<Child> taken = CompletableFuture.supplyAsync(() -> {
            try {
                return pool.take(System.nanoTime() + TimeUnit.SECONDS.toNanos(5));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        // The client counts as waiting at once and asks for a backend once past the grace:
        // on a loaded machine the two are observed apart.
        while ((pool.waiting() == 0 || demands.get() == 0) && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertEquals(1, pool.waiting());
        assertEquals(1, demands.get(), "past the grace the client asks for a backend");
        Child arriving = backend(3);
        pool.offer(arriving);
        assertSame(arriving, taken.get(5, TimeUnit.SECONDS));
        assertEquals(0, pool.waiting());
    }

    @Test
    void takeGivesUpAtTheDeadline() throws Exception {
        pool.open();
        long start = System.nanoTime();
        assertNull(pool.take(start + TimeUnit.MILLISECONDS.toNanos(100)));
        assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(100));
    }

    @Test
    void closingThePoolReleasesWaiters() throws Exception {
        pool.open();
        CompletableFuture<Child> taken = CompletableFuture.supplyAsync(() -> {
            try {
                return pool.take(System.nanoTime() + TimeUnit.SECONDS.toNanos(30));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(50);
        pool.close();
        assertNull(taken.get(2, TimeUnit.SECONDS));
    }

    @Test
    void exitedBackendsAreSkipped() throws Exception {
        pool.open();
        Child dead = backend(4);
        Child alive = backend(5);
        pool.offer(alive);
        pool.offer(dead);
        dead.markExited();
        assertSame(alive, pool.take(System.nanoTime()));
    }

    @Test
    void aSessionEndsExactlyOnce() {
        Child child = backend(6);
        assertTrue(child.beginSession());
        assertFalse(child.beginSession());
        assertTrue(child.endSession());
        assertFalse(child.endSession());
    }
}
