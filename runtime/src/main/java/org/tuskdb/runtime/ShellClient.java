package org.tuskdb.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;

/**
 * {@code tusk shell}: attaches the terminal to a running server's shell through the Unix socket
 * {@code <data>/.s.tusk.shell} (mode 0600: only the data directory's owner gets in). It only
 * copies bytes: standard input to the socket, the socket to standard output, until the server
 * closes the connection or input ends. The shell bundle's server prints the prompt and each
 * command's output.
 */
final class ShellClient {
    static final String SOCKET_NAME = ".s.tusk.shell";

    private ShellClient() {
    }

    /** Returns the exit status: 0 after a normal end, 2 when the server cannot be reached. */
    static int run(Path dataDirectory, InputStream in, OutputStream out) throws InterruptedException {
        Path socket = dataDirectory.resolve(SOCKET_NAME);
        SocketChannel channel;
        try {
            channel = SocketChannel.open(StandardProtocolFamily.UNIX);
            channel.connect(UnixDomainSocketAddress.of(socket));
        } catch (IOException e) {
            System.err.println("tusk: could not connect to the shell of the server in \"" + dataDirectory
                    + "\" (" + socket + "): " + e.getMessage() + "; is it running?");
            return 2;
        }
        Thread input = Thread.ofVirtual().start(() -> {
            try {
                in.transferTo(Channels.newOutputStream(channel));
                channel.shutdownOutput();
            } catch (IOException e) {
                // The server closed the connection; the reader below ends too.
            }
        });
        try (channel) {
            ByteBuffer buffer = ByteBuffer.allocate(8192);
            while (channel.read(buffer) >= 0) {
                out.write(buffer.array(), 0, buffer.position());
                out.flush();
                buffer.clear();
            }
        } catch (IOException e) {
            // Connection gone: nothing more to show.
        }
        input.interrupt();
        return 0;
    }
}
