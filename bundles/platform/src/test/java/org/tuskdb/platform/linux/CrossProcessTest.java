package org.tuskdb.platform.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Descriptor passing to, and _exit on SIGQUIT in, a real second process (a child JVM). */
class CrossProcessTest {
    @TempDir
    Path dir;

    @Test
    void descriptorCrossesToAChildJvmThatThenDiesOnSigquit() throws Exception {
        Path socket = dir.resolve("s");
        Path file = Files.writeString(dir.resolve("f"), "content of the parent's file");
        int listen = UnixSocket.listen(socket, 0600);
        int conn = -1;
        Process child = null;
        try {
            child = new ProcessBuilder(ProcessHandle.current().info().command().orElseThrow(),
                    "--enable-native-access=ALL-UNNAMED", "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                    "-Xmx32m", "-cp", System.getProperty("java.class.path"), FdReceiverMain.class.getName(), socket.toString())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.INHERIT).start();
            conn = UnixSocket.accept(listen, 20_000);
            assertNotEquals(-1, conn, "child connected");

            int fileFd = Libc.open(file, Libc.O_RDONLY | Libc.O_CLOEXEC, 0);
            UnixSocket.sendFrame(conn, "hello".getBytes(StandardCharsets.UTF_8), fileFd);
            Libc.close(fileFd);
            assertEquals("hello:content of the parent's file",
                    new String(UnixSocket.receiveFrame(conn).payload(), StandardCharsets.UTF_8));

            assertEquals("armed", new String(UnixSocket.receiveFrame(conn).payload(), StandardCharsets.UTF_8));
            Libc.kill(child.pid(), Signals.SIGQUIT);
            assertTrue(child.waitFor(10, TimeUnit.SECONDS), "child ended at once");
            assertEquals(Signals.SIGQUIT, child.exitValue(), "_exit(signal number), no JVM shutdown");
        } finally {
            Libc.closeQuietly(conn);
            Libc.closeQuietly(listen);
            if (child != null) {
                child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }
}
