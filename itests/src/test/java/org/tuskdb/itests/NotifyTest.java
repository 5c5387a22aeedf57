package org.tuskdb.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * LISTEN / NOTIFY between backends, through the JDBC driver as applications use it: a listener
 * that sits idle is woken and receives the notification without sending anything (the driver's
 * getNotifications(timeout) only reads the socket), one inside a transaction block gets it after
 * its block ends, notifications keep each sender's commit order and do not cross databases, and a
 * session that ends listens no more although its backend serves the next client.
 */
class NotifyTest extends SharedServer {

    @Test
    void anIdleListenerReceivesWhatAnotherSessionCommits() throws Exception {
        try (Connection listener = server.connect(); Connection sender = server.connect();
             Statement l = listener.createStatement(); Statement s = sender.createStatement()) {
            l.execute("LISTEN jobs");
            int senderPid = pid(s);
            assertNotEquals(pid(l), senderPid, "two backends");
            PGConnection pg = listener.unwrap(PGConnection.class);
            // the listener sends nothing from here on: the notification must come to it while idle
            CompletableFuture<PGNotification[]> received = CompletableFuture.supplyAsync(() -> {
                try {
                    return pg.getNotifications(20_000);
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            Thread.sleep(200);
            s.execute("NOTIFY jobs, 'job 1'");
            PGNotification[] got = received.get(30, TimeUnit.SECONDS);
            assertEquals(1, got.length);
            assertEquals("jobs", got[0].getName());
            assertEquals("job 1", got[0].getParameter());
            assertEquals(senderPid, got[0].getPID());

            // not yet committed: nothing; committed: there
            sender.setAutoCommit(false);
            s.execute("SELECT pg_notify('jobs', 'job 2')");
            assertEquals(0, pg.getNotifications(500).length, "uncommitted notifications stay with their sender");
            sender.commit();
            assertEquals(List.of("job 2"), payloads(pg.getNotifications(10_000)));
            s.execute("SELECT pg_notify('jobs', 'rolled back')");
            sender.rollback();
            sender.setAutoCommit(true);
            assertEquals(0, pg.getNotifications(500).length, "a rolled-back NOTIFY is never delivered");
        }
    }

    @Test
    void aListenerInATransactionBlockGetsTheNotificationsAfterItsEnd() throws Exception {
        try (Connection listener = server.connect(); Connection sender = server.connect();
             Statement l = listener.createStatement(); Statement s = sender.createStatement()) {
            l.execute("LISTEN block_channel");
            listener.setAutoCommit(false);
            l.execute("SELECT 1");
            s.execute("NOTIFY block_channel, 'during the block'");
            Thread.sleep(300);
            l.execute("SELECT 2");
            assertEquals(0, listener.unwrap(PGConnection.class).getNotifications().length,
                "held while the listener's transaction block is open");
            listener.commit();
            assertEquals(List.of("during the block"),
                payloads(listener.unwrap(PGConnection.class).getNotifications(10_000)));
        }
    }

    @Test
    void notificationsKeepEachSendersOrderAndStayInTheirDatabase() throws Exception {
        Properties p = new Properties();
        p.setProperty("user", "tusk");
        try (Connection listener = server.connect(); Statement l = listener.createStatement();
             Connection other = DriverManager.getConnection(
                 "jdbc:postgresql://127.0.0.1:" + server.port() + "/template1", p);
             Statement o = other.createStatement()) {
            l.execute("LISTEN ordered");
            o.execute("NOTIFY ordered, 'from another database'");
            int senders = 3;
            int each = 40;
            List<CompletableFuture<Void>> running = new ArrayList<>();
            for (int k = 0; k < senders; k++) {
                int sender = k;
                running.add(CompletableFuture.runAsync(() -> {
                    try (Connection c = server.connect();
                         PreparedStatement ps = c.prepareStatement("SELECT pg_notify('ordered', ?)")) {
                        for (int i = 0; i < each; i++) {
                            ps.setString(1, sender + ":" + i);
                            ps.execute();
                        }
                    } catch (SQLException e) {
                        throw new IllegalStateException(e);
                    }
                }));
            }
            CompletableFuture.allOf(running.toArray(new CompletableFuture[0])).get(60, TimeUnit.SECONDS);
            List<String> got = new ArrayList<>();
            PGConnection pg = listener.unwrap(PGConnection.class);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (got.size() < senders * each && System.nanoTime() < deadline) {
                got.addAll(payloads(pg.getNotifications(1000)));
            }
            assertTrue(got.stream().allMatch(g -> g.contains(":")), "nothing from the other database: " + got);
            assertEquals(senders * each, got.size(), "every committed notification arrives once: " + got);
            int[] next = new int[senders];
            for (String g : got) {
                int sender = Integer.parseInt(g.substring(0, g.indexOf(':')));
                assertEquals(next[sender]++, Integer.parseInt(g.substring(g.indexOf(':') + 1)),
                    "sender " + sender + "'s notifications in its commit order: " + got);
            }
        }
    }

    @Test
    void aSessionThatEndedListensNoMore() throws Exception {
        int pid;
        try (Connection c = server.connect(); Statement s = c.createStatement()) {
            s.execute("LISTEN gone_channel");
            pid = pid(s);
        }
        // the pool hands the same backend out again until the session end was processed
        for (int attempt = 0; attempt < 20; attempt++) {
            try (Connection c = server.connect(); Statement s = c.createStatement()) {
                try (ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_listening_channels()")) {
                    rs.next();
                    assertEquals(0, rs.getInt(1), "nothing of the previous session's LISTEN is left");
                }
                s.execute("NOTIFY gone_channel, 'nobody'");
                assertEquals(0, c.unwrap(PGConnection.class).getNotifications(200).length);
                if (pid(s) == pid) {
                    return;
                }
            }
        }
        // not reused in 20 connections (other tests' sessions took it): each check above still held
    }

    private static int pid(Statement s) throws SQLException {
        try (ResultSet rs = s.executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static List<String> payloads(PGNotification[] ns) {
        List<String> out = new ArrayList<>();
        if (ns != null) {
            for (PGNotification n : ns) {
                out.add(n.getParameter());
            }
        }
        return out;
    }
}
