package org.tuskdb.runtime;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * Copies what waits in the log FIFO to a stream, for a postmaster that exits before any logger
 * read it. The postmaster holds the FIFO open for writing too, so a read never sees its end: it
 * returns what is there, or blocks when the FIFO is empty. The copy therefore runs on a daemon
 * thread that is given a bounded time and then abandoned, blocked on the empty FIFO.
 */
final class LogPipeDrain {
    private LogPipeDrain() {
    }

    static void copy(FileChannel pipe, PrintStream to, long millis) {
        Thread copier = new Thread(() -> {
            ByteBuffer buffer = ByteBuffer.allocate(8192);
            try {
                while (pipe.read(buffer.clear()) > 0) {
                    to.write(buffer.array(), 0, buffer.position());
                    to.flush();
                }
            } catch (IOException e) {
                // The FIFO closed under the copy at exit: done.
            }
        }, "tusk-log-drain");
        copier.setDaemon(true);
        copier.start();
        try {
            copier.join(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
