package org.tuskdb.shell.internal;

import java.util.ArrayList;
import java.util.List;

import org.apache.felix.service.command.CommandSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Work a command must not start before its reply has reached the administrator. {@code tusk:stop}
 * is the case: a shutdown stops this bundle, which closes the console's connection, so the
 * shutdown may begin only once the reply ("fast shutdown requested") has been written and
 * flushed. A Tusk {@link Console} puts one of these into each session under {@link #SESSION_KEY}
 * and runs what was queued after it has printed a command's result.
 */
final class AfterReply {
    /** Session variable holding the console's AfterReply (the leading dot keeps it out of the way). */
    static final String SESSION_KEY = ".tusk.afterReply";

    /** How long another console (not ours) is given to print the reply before the work starts. */
    static final long FOREIGN_CONSOLE_DELAY_MILLIS = 500;

    private static final Logger log = LoggerFactory.getLogger(AfterReply.class);

    private final List<Runnable> pending = new ArrayList<>();

    synchronized void add(Runnable work) {
        pending.add(work);
    }

    /** Runs, in order, what was queued; called by the console once the reply is out. */
    void runPending() {
        List<Runnable> work;
        synchronized (this) {
            work = List.copyOf(pending);
            pending.clear();
        }
        for (Runnable w : work) {
            try {
                w.run();
            } catch (RuntimeException e) {
                log.error("shell: deferred command work failed", e);
            }
        }
    }

    /**
     * Queues work to run after the reply on this session. Without a Tusk console (a test, another
     * Gogo console) nobody will run the queue, so the work gets its own thread and starts after
     * a short delay instead.
     */
    static void schedule(CommandSession session, String what, Runnable work) {
        if (session != null && session.get(SESSION_KEY) instanceof AfterReply afterReply) {
            afterReply.add(work);
            return;
        }
        Thread.ofPlatform().daemon().name("tusk-shell-" + what).start(() -> {
            try {
                Thread.sleep(FOREIGN_CONSOLE_DELAY_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            work.run();
        });
    }
}
