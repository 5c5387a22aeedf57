package org.tuskdb.sql.internal.async;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tuskdb.api.DatabaseException;
import org.tuskdb.api.SqlState;
import org.tuskdb.api.sql.NotificationSink;

/**
 * One session's LISTEN / UNLISTEN / NOTIFY state (PostgreSQL's async.c, backend side): the
 * channels it listens on, and what its open transaction asked for, which takes effect only when
 * it commits.
 *
 * <p>At commit: {@link #preCommit()} checks that the queue has room for the transaction's
 * notifications (54000 fails the COMMIT, as PostgreSQL's PreCommit_Notify); after the commit
 * record is durable {@link #postCommit()} applies the LISTEN / UNLISTEN actions in order —
 * registering the slot in the queue first, so a transaction that listens and notifies on one
 * channel hears itself — and appends the notifications, then signals the other listeners of the
 * database. Rollback (or ROLLBACK TO a savepoint: {@link #mark()} / {@link #rollbackTo}) drops
 * what the transaction, or the rolled-back part, asked for. Notifications of one transaction with
 * the same channel and payload are sent once.
 */
public final class Notifications {
    private static final Logger LOG = LoggerFactory.getLogger(Notifications.class);

    private record Action(boolean listen, String channel) {}

    private record Pending(String channel, String payload) {}

    private final NotifyQueue queue;
    private final int slot;
    private final int database;
    private final int pid;
    private final LongConsumer signaller;

    /** The committed channels, in the order first listened to (pg_listening_channels). */
    private final LinkedHashSet<String> channels = new LinkedHashSet<>();
    private final List<Action> actions = new ArrayList<>();
    private final List<Pending> notifies = new ArrayList<>();
    private final Map<Pending, Integer> notifyIndex = new HashMap<>();
    /** Whether the slot is registered in the queue (it stays until no channel is left). */
    private boolean registered;

    /**
     * @param queue the queue, or null when the engine has none (LISTEN and NOTIFY are then 0A000)
     * @param slot this session's listener slot (its process's ProcArray slot; -1: none, LISTEN and NOTIFY are 0A000)
     * @param database identifies the session's database (notifications do not cross databases)
     * @param signaller wakes another backend by pid (SIGUSR1)
     */
    public Notifications(NotifyQueue queue, int slot, int database, int pid, LongConsumer signaller) {
        this.queue = queue;
        this.slot = slot;
        this.database = database;
        this.pid = pid;
        this.signaller = signaller;
    }

    private void requireQueue() {
        if (queue == null || slot < 0) {
            throw DatabaseException.error(SqlState.FEATURE_NOT_SUPPORTED,
                "LISTEN and NOTIFY are not available without the shared NOTIFY queue");
        }
    }

    /** LISTEN channel: takes effect at commit. */
    public void listen(String channel) {
        requireQueue();
        actions.add(new Action(true, channel));
    }

    /** UNLISTEN channel, or UNLISTEN * (null): takes effect at commit. */
    public void unlisten(String channel) {
        if (channel == null && channels.isEmpty() && actions.isEmpty()) {
            return; // nothing to forget (DISCARD ALL, session reset): no queue needed
        }
        requireQueue();
        actions.add(new Action(false, channel));
    }

    /** NOTIFY channel [, payload] / pg_notify(channel, payload): queued at commit. */
    public void notify(String channel, String payload) {
        if (channel == null || channel.isEmpty()) {
            throw DatabaseException.error(SqlState.INVALID_PARAMETER_VALUE, "channel name cannot be empty");
        }
        if (channel.getBytes(StandardCharsets.UTF_8).length > NotifyQueue.MAX_CHANNEL_BYTES) {
            throw DatabaseException.error(SqlState.INVALID_PARAMETER_VALUE, "channel name too long");
        }
        String p = payload == null ? "" : payload;
        if (p.length() > NotifyQueue.MAX_PAYLOAD_BYTES / 3
                && p.getBytes(StandardCharsets.UTF_8).length > NotifyQueue.MAX_PAYLOAD_BYTES) {
            throw DatabaseException.error(SqlState.INVALID_PARAMETER_VALUE, "payload string too long");
        }
        requireQueue();
        Pending n = new Pending(channel, p);
        if (notifyIndex.putIfAbsent(n, notifies.size()) == null) {
            notifies.add(n);
        }
    }

    /** What the transaction has asked for so far, to return to at ROLLBACK TO SAVEPOINT. */
    public long mark() {
        return (long) actions.size() << 32 | notifies.size();
    }

    /** Forgets what was asked for after the mark. */
    public void rollbackTo(long mark) {
        int a = (int) (mark >>> 32);
        int n = (int) mark;
        while (actions.size() > a) {
            actions.removeLast();
        }
        while (notifies.size() > n) {
            notifyIndex.remove(notifies.removeLast());
        }
    }

    /** Before the commit record: the transaction's notifications must find room (54000). */
    public void preCommit() {
        if (notifies.isEmpty()) {
            return;
        }
        long bytes = 0;
        for (Pending n : notifies) {
            bytes += NotifyQueue.entrySize(n.channel.getBytes(StandardCharsets.UTF_8),
                n.payload.getBytes(StandardCharsets.UTF_8));
        }
        queue.checkRoom(bytes);
    }

    /** After the commit is durable: LISTEN / UNLISTEN take effect, notifications go out. */
    public void postCommit() {
        if (actions.isEmpty() && notifies.isEmpty()) {
            return;
        }
        try {
            for (Action a : actions) {
                if (a.listen) {
                    channels.add(a.channel);
                } else if (a.channel == null) {
                    channels.clear();
                } else {
                    channels.remove(a.channel);
                }
            }
            if (!channels.isEmpty() && !registered) {
                queue.listen(slot, database, pid);
                registered = true;
            } else if (channels.isEmpty() && registered) {
                queue.unlisten(slot);
                registered = false;
            }
            if (!notifies.isEmpty()) {
                send();
            }
        } finally {
            clearPending();
        }
    }

    private void send() {
        List<byte[]> names = new ArrayList<>(notifies.size());
        List<byte[]> payloads = new ArrayList<>(notifies.size());
        for (Pending n : notifies) {
            names.add(n.channel.getBytes(StandardCharsets.UTF_8));
            payloads.add(n.payload.getBytes(StandardCharsets.UTF_8));
        }
        NotifyQueue.Appended appended = queue.append(database, pid, names, payloads);
        if (appended.dropped() > 0) {
            // committed already: nothing to fail; the room was checked before the commit
            LOG.warn("{} notifications were dropped: the NOTIFY queue filled up after the commit",
                appended.dropped());
        }
        for (long listener : appended.listenersToWake()) {
            signaller.accept(listener);
        }
    }

    /** The transaction rolled back: what it asked for is forgotten. */
    public void abort() {
        clearPending();
    }

    private void clearPending() {
        actions.clear();
        notifies.clear();
        notifyIndex.clear();
    }

    /** pg_listening_channels(). */
    public List<String> listening() {
        return List.copyOf(channels);
    }

    /** pg_notification_queue_usage(). */
    public double queueUsage() {
        return queue == null ? 0 : queue.usage();
    }

    /** Hands what arrived for the channels listened to (of this database) to the sink. */
    public void deliver(NotificationSink sink) {
        if (!registered) {
            return;
        }
        for (NotifyQueue.Entry e : queue.read(slot)) {
            if (e.database() == database && channels.contains(e.channel())) {
                sink.notification(e.senderPid(), e.channel(), e.payload());
            }
        }
    }

    /** The session ends: it listens on nothing any more (UNLISTEN *, at once). */
    public void close() {
        clearPending();
        channels.clear();
        if (registered) {
            registered = false;
            queue.unlisten(slot);
        }
    }
}
