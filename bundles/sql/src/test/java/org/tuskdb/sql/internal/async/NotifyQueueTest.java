package org.tuskdb.sql.internal.async;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tuskdb.api.DatabaseException;

/** The NOTIFY ring: order, wrap-around, the tail held by the slowest listener, and a full queue. */
class NotifyQueueTest {
    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static NotifyQueue.Appended send(NotifyQueue q, int pid, String channel, String payload) {
        return q.append(1, pid, List.of(utf8(channel)), List.of(utf8(payload)));
    }

    @Test
    void entriesWrapAroundTheRingInOrder() {
        NotifyQueue q = NotifyQueue.local(4);
        q.listen(0, 1, 100);
        String payload = "p".repeat(5000);
        int total = (int) (3 * NotifyQueue.RING_SIZE / NotifyQueue.entrySize(utf8("c"), utf8(payload)));
        int read = 0;
        for (int i = 0; i < total; i++) {
            NotifyQueue.Appended a = send(q, 200, "c", payload + i);
            assertEquals(List.of(100L), a.listenersToWake());
            assertEquals(0, a.dropped());
            if (i % 100 == 99) {
                for (NotifyQueue.Entry e : q.read(0)) {
                    assertEquals(payload + read++, e.payload());
                    assertEquals("c", e.channel());
                    assertEquals(200, e.senderPid());
                }
            }
        }
        for (NotifyQueue.Entry e : q.read(0)) {
            assertEquals(payload + read++, e.payload());
        }
        assertEquals(total, read);
        assertEquals(0.0, q.usage());
    }

    @Test
    void aListenerThatDoesNotReadFillsTheQueue() {
        NotifyQueue q = NotifyQueue.local(4);
        q.listen(0, 1, 100);
        q.listen(1, 1, 101);
        String payload = "x".repeat(7000);
        long size = NotifyQueue.entrySize(utf8("c"), utf8(payload));
        List<Integer> sent = new ArrayList<>();
        for (int i = 0; ; i++) {
            try {
                q.checkRoom(size);
            } catch (DatabaseException e) {
                assertEquals("54000", e.sqlState());
                assertEquals("too many notifications in the NOTIFY queue", e.getMessage());
                break;
            }
            send(q, 200, "c", payload);
            sent.add(i);
        }
        assertTrue(q.usage() > 0.99, "usage " + q.usage());
        assertEquals(sent.size(), q.read(1).size(), "the listener that reads gets everything");
        assertThrows(DatabaseException.class, () -> q.checkRoom(size), "the other listener still holds the tail");
        q.unlisten(0);
        q.checkRoom(size);
        assertEquals(0.0, q.usage());
        // a slot that listens again starts at the head: nothing old
        q.listen(0, 1, 102);
        assertEquals(List.of(), q.read(0));
    }

    @Test
    void theSenderAndOtherDatabasesAreNotWoken() {
        NotifyQueue q = NotifyQueue.local(4);
        q.listen(0, 1, 100);
        q.listen(1, 2, 101);
        q.listen(2, 1, 102);
        assertEquals(List.of(100L), send(q, 102, "c", "").listenersToWake());
        assertEquals(1, q.read(1).size(), "a reader gets every database's entries; the session filters");
    }
}
