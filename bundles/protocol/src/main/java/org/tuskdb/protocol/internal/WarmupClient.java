package org.tuskdb.protocol.internal;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.tuskdb.platform.linux.Libc;

/**
 * The client end of the warm-up session, on a thread of its own: sends the script's round trips
 * one at a time, as a client waiting for each answer does, and reads each answer up to its
 * ReadyForQuery. It stops after the iterations or at the deadline, whichever comes first, then
 * sends Terminate, which ends the session on the backend's side. A backend
 * that does not answer by the deadline plus {@link #ANSWER_GRACE_MILLIS} is cut off by shutting
 * the socket down, so the warm-up can never hold the backend much longer than its deadline.
 * {@link #requestStop()} (a client came) ends it after the round trip under way.
 */
final class WarmupClient implements Runnable {
    /** How long past the deadline an answer under way is waited for before the backend is cut off. */
    static final long ANSWER_GRACE_MILLIS = 1000;
    private static final int IO_CHUNK = 8192;
    /** {@link #problem()} when the deadline ended it. */
    static final String TIME_LIMIT = "time limit reached";
    /** {@link #problem()} when a client came and {@link #requestStop()} ended it. */
    static final String STOPPED = "stopped for a client";

    private final int fd;
    private final WarmupScript script;
    private final int iterations;
    /** Moves on by the time spent paused for clients ({@link #pauseWhileBusy()}). */
    private volatile long deadlineNanos;
    private final BooleanSupplier busy;
    private volatile long pausedNanos;
    /** The thread running {@link #run()}, once it has begun. */
    private volatile Thread runner;
    private byte[] in = new byte[16 * 1024];
    private int filled;
    private MemorySegment readScratch;
    private MemorySegment writeScratch;

    private volatile boolean stopRequested;
    private volatile int completed;
    private volatile int roundTrips;
    private volatile String problem;
    private volatile String optionalProblem;
    /** Whether the warm-up's table was made (the lookups on it are part of each iteration). */
    private volatile boolean withTable;
    /** The last ErrorResponse seen, for the message when the count is wrong. */
    private String lastError = "";

    /** How many iterations go between two looks at {@code busy} (one is a few milliseconds). */
    static final int BUSY_CHECK_EVERY = 8;
    /** How long a paused warm-up sleeps between two looks at {@code busy}. */
    static final long BUSY_PAUSE_NANOS = 100_000_000L;

    WarmupClient(int fd, WarmupScript script, int iterations, long deadlineNanos) {
        this(fd, script, iterations, deadlineNanos, () -> false);
    }

    /**
     * @param busy whether clients keep the processors busy right now: the warm-up then pauses
     *             between iterations (its deadline moving on by the pause) until they do not,
     *             or until it is stopped
     */
    WarmupClient(int fd, WarmupScript script, int iterations, long deadlineNanos, BooleanSupplier busy) {
        this.fd = fd;
        this.script = script;
        this.iterations = iterations;
        this.deadlineNanos = deadlineNanos;
        this.busy = busy;
    }

    /** A client came for the backend: stop after the round trip under way. */
    void requestStop() {
        stopRequested = true;
        Thread t = runner;
        if (t != null) {
            LockSupport.unpark(t); // out of a pause at once
        }
    }

    /** Iterations completed. */
    int completed() {
        return completed;
    }

    int roundTrips() {
        return roundTrips;
    }

    /** Why the warm-up stopped early (unexpected answer, I/O failure, deadline), or null. */
    String problem() {
        return problem;
    }

    @Override
    public void run() {
        runner = Thread.currentThread();
        // Native memory for read(2) and write(2), made once: the platform's byte[] variants
        // allocate and clear native memory of the requested size per call.
        try (Arena arena = Arena.ofConfined()) {
            readScratch = arena.allocate(IO_CHUNK);
            writeScratch = arena.allocate(IO_CHUNK);
            // The backend speaks first: the startup answer ends with ReadyForQuery.
            if (awaitReady(1) == 0 && send(script.setup())) {
                withTable = send(script.tableSetup(), true);
                if (!withTable && problem == null) {
                    send(script.tableAbandon());
                }
                for (int i = 0; i < iterations && problem == null; i++) {
                    if (System.nanoTime() - deadlineNanos >= 0) {
                        problem = TIME_LIMIT;
                        break;
                    }
                    if (i % BUSY_CHECK_EVERY == 0 && busy.getAsBoolean()) {
                        pauseWhileBusy();
                    }
                    if (stopRequested) {
                        problem = STOPPED;
                        break;
                    }
                    if (!send(script.iteration(i, withTable))) {
                        break;
                    }
                    completed = i + 1;
                }
            }
            write(WarmupScript.terminate());
        } catch (IOException | RuntimeException e) {
            if (problem == null) {
                problem = e.toString();
            }
        }
        // The descriptor stays open: the warm-up closes it once this thread has ended, so that a
        // shutdown of it can never hit a descriptor number the process has reused meanwhile.
    }

    /**
     * Sleeps while clients keep the processors busy, or until stopped; the deadline moves on by
     * the pause, so that the time limit bounds the time the warm-up ran, not the time it waited.
     */
    private void pauseWhileBusy() {
        long from = System.nanoTime();
        do {
            LockSupport.parkNanos(this, BUSY_PAUSE_NANOS);
        } while (!stopRequested && busy.getAsBoolean());
        long paused = System.nanoTime() - from;
        deadlineNanos += paused;
        pausedNanos += paused;
    }

    /** Nanoseconds the warm-up spent paused for busy clients. */
    long pausedNanos() {
        return pausedNanos;
    }

    /** Whether the warm-up has its table (see {@link WarmupScript#tableSetup()}). */
    boolean withTable() {
        return withTable;
    }

    /** Why the table setup failed (the warm-up then ran without lookups), or null. */
    String optionalProblem() {
        return optionalProblem;
    }

    private boolean send(List<WarmupScript.RoundTrip> trips) throws IOException {
        return send(trips, false);
    }

    /**
     * Sends the round trips one at a time. A round trip answered with an unexpected count of
     * errors ends them with false: a problem (the warm-up ends), or when {@code optional} only
     * the {@link #optionalProblem()} (the rest of the warm-up goes on). A stop or an I/O failure
     * is always a problem.
     */
    private boolean send(List<WarmupScript.RoundTrip> trips, boolean optional) throws IOException {
        for (WarmupScript.RoundTrip trip : trips) {
            if (stopRequested) {
                problem = STOPPED;
                return false;
            }
            write(trip.request());
            int errors = awaitReady(trip.readyCount());
            if (errors < 0) {
                return false;
            }
            roundTrips++;
            if (errors != trip.errorCount()) {
                String what = "\"" + trip.label() + "\" expected " + trip.errorCount() + " errors, got " + errors
                        + (errors > 0 ? " (" + lastError + ")" : "");
                if (optional) {
                    optionalProblem = what;
                } else {
                    problem = what;
                }
                return false;
            }
        }
        return true;
    }

    /** Reads messages until the n-th ReadyForQuery; returns the ErrorResponses among them, -1 on timeout. */
    private int awaitReady(int readyCount) throws IOException {
        int ready = 0;
        int errors = 0;
        int start = 0;
        while (true) {
            while (filled - start >= 5) {
                int length = ByteBuffer.wrap(in, start + 1, 4).getInt();
                if (length < 4) {
                    throw new IOException("bad backend message length " + length);
                }
                if (filled - start < 1 + length) {
                    break;
                }
                char type = (char) in[start];
                if (type == 'E') {
                    errors++;
                    lastError = errorText(start + 5, start + 1 + length);
                } else if (type == 'Z') {
                    ready++;
                }
                start += 1 + length;
                if (ready == readyCount) {
                    System.arraycopy(in, start, in, 0, filled - start);
                    filled -= start;
                    return errors;
                }
            }
            System.arraycopy(in, start, in, 0, filled - start);
            filled -= start;
            start = 0;
            if (filled == in.length) {
                in = Arrays.copyOf(in, in.length * 2);
            }
            // The round trip under way may finish a little after the deadline.
            long leftMillis = (deadlineNanos - System.nanoTime()) / 1_000_000 + ANSWER_GRACE_MILLIS;
            if (leftMillis <= 0 || Libc.poll(fd, Libc.POLLIN, (int) Math.min(leftMillis, Integer.MAX_VALUE)) == 0) {
                problem = "no answer from the backend before the time limit";
                Libc.shutdown(fd, Libc.SHUT_RDWR);
                return -1;
            }
            int n = (int) Libc.read(fd, readScratch, Math.min(IO_CHUNK, in.length - filled));
            if (n == 0) {
                throw new IOException("the backend closed the warm-up connection");
            }
            MemorySegment.copy(readScratch, ValueLayout.JAVA_BYTE, 0, in, filled, n);
            filled += n;
        }
    }

    private void write(byte[] request) throws IOException {
        if (request.length > IO_CHUNK) {
            Libc.writeFully(fd, request, 0, request.length);
            return;
        }
        MemorySegment.copy(request, 0, writeScratch, ValueLayout.JAVA_BYTE, 0, request.length);
        Libc.writeFully(fd, writeScratch, request.length);
    }

    /** "SQLSTATE: message" of an ErrorResponse body, for the log. */
    private String errorText(int from, int to) {
        String code = "";
        String message = "";
        int i = from;
        while (i < to && in[i] != 0) {
            int end = i + 1;
            while (end < to && in[end] != 0) {
                end++;
            }
            String value = new String(in, i + 1, end - i - 1, StandardCharsets.UTF_8);
            if (in[i] == 'C') {
                code = value;
            } else if (in[i] == 'M') {
                message = value;
            }
            i = end + 1;
        }
        return code + ": " + message;
    }
}
