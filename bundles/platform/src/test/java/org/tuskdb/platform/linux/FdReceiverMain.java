package org.tuskdb.platform.linux;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The child process of {@link CrossProcessTest}: connects to the parent's socket, reads the file
 * whose descriptor the parent passes, sends its content back, then arms _exit on SIGQUIT and
 * waits to be killed by it.
 */
public final class FdReceiverMain {
    private FdReceiverMain() {
    }

    public static void main(String[] args) throws Exception {
        int sock = UnixSocket.connect(Path.of(args[0]));
        UnixSocket.Frame frame = UnixSocket.receiveFrame(sock);
        byte[] content = new byte[256];
        int n = Libc.read(frame.fd(), content, 0, content.length);
        Libc.close(frame.fd());
        String reply = new String(frame.payload(), StandardCharsets.UTF_8) + ":" + new String(content, 0, n, StandardCharsets.UTF_8);
        UnixSocket.sendFrame(sock, reply.getBytes(StandardCharsets.UTF_8));

        Signals.exitImmediatelyOn(Signals.SIGQUIT);
        UnixSocket.sendFrame(sock, "armed".getBytes(StandardCharsets.UTF_8));
        Thread.sleep(30_000);
        System.exit(0); // only when the parent never sent SIGQUIT
    }
}
