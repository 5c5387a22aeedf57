package org.tuskdb.protocol.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.tuskdb.api.server.ClientHandoff;
import org.tuskdb.platform.linux.Libc;
import org.tuskdb.platform.linux.TcpListener;

/**
 * The real psql against the backend loop (fake engine): accepts a TCP connection on a free port,
 * reads the startup packet as the postmaster does, and hands the socket over. Skipped where
 * psql is not installed; the full server's end-to-end tests live in itests.
 */
class PsqlSmokeTest {
    private static boolean psqlInstalled() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (new File(dir, "psql").canExecute()) {
                return true;
            }
        }
        return false;
    }

    @Test
    void psqlConnectsRunsAQueryAndTheBackendIsReused() throws Exception {
        assumeTrue(psqlInstalled(), "psql not installed");
        try (Backend backend = new Backend(); TcpListener listener = TcpListener.open("127.0.0.1", 0, 8)) {
            for (int round = 1; round <= 2; round++) {
                ProcessBuilder pb = new ProcessBuilder("psql", "-X", "-A", "-t", "-h", "127.0.0.1", "-p",
                        Integer.toString(listener.port()), "-U", "alice", "-d", "db", "-c", "select 1")
                        .redirectErrorStream(true);
                pb.environment().put("PGSSLMODE", "disable");
                pb.environment().put("PGGSSENCMODE", "disable");
                pb.environment().put("PGCONNECT_TIMEOUT", "5");
                Process psql = pb.start();
                try {
                    TcpListener.Accepted client = listener.accept(TestClient.TIMEOUT_MILLIS);
                    assertTrue(client != null, "psql connected");
                    backend.link.queue.add(new ClientHandoff(client.fd(), readStartupPacket(client.fd()),
                            client.peerAddress(), client.peerPort(), 99));
                    assertTrue(psql.waitFor(10, TimeUnit.SECONDS), "psql finished");
                    String out = new String(psql.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                    assertEquals(0, psql.exitValue(), out);
                    assertEquals("1", out.strip());
                } finally {
                    psql.destroyForcibly();
                }
                backend.awaitIdle(round + 1);
            }
            assertEquals(List.of("query:select 1", "close"), backend.lastSession().calls);
            assertEquals(2, backend.engine.sessions.size());
        }
    }

    /** What the postmaster does before the hand-off; psql is told not to ask for SSL or GSS. */
    private static byte[] readStartupPacket(int fd) throws IOException {
        byte[] header = new byte[4];
        Libc.readFully(fd, header, 0, 4);
        int length = ByteBuffer.wrap(header).getInt();
        byte[] packet = new byte[length];
        System.arraycopy(header, 0, packet, 0, 4);
        Libc.readFully(fd, packet, 4, length - 4);
        return packet;
    }
}
