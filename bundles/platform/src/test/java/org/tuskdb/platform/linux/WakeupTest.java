package org.tuskdb.platform.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WakeupTest {
    @TempDir
    Path dir;

    @Test
    void eventFdWakesAPollingThread() throws Exception {
        int fd = EventFd.create();
        try {
            assertEquals(0, Libc.poll(fd, Libc.POLLIN, 0), "not signalled yet");
            CompletableFuture<Integer> poller = CompletableFuture.supplyAsync(() -> {
                try {
                    return Libc.poll(fd, Libc.POLLIN, 10_000);
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            });
            Thread.sleep(50);
            EventFd.signal(fd);
            EventFd.signal(fd);
            assertEquals(Libc.POLLIN, poller.get(5, TimeUnit.SECONDS) & Libc.POLLIN);
            assertEquals(2, EventFd.drain(fd));
            assertEquals(0, EventFd.drain(fd));
            assertEquals(0, Libc.poll(fd, Libc.POLLIN, 0));
        } finally {
            Libc.close(fd);
        }
    }

    @Test
    void futexWakesASleeperThroughAnotherMappingOfTheFile() throws Exception {
        Path file = dir.resolve("futex");
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
             Arena arena = Arena.ofShared()) {
            MemorySegment first = channel.map(FileChannel.MapMode.READ_WRITE, 0, 4096, arena);
            MemorySegment second = channel.map(FileChannel.MapMode.READ_WRITE, 0, 4096, arena);
            MemorySegment word = first.asSlice(64, 4);

            assertFalse(Futex.wait(word, 0, 20_000_000L), "times out while nobody wakes it");
            assertTrue(Futex.wait(word, 7, 1_000_000_000L), "returns at once when the word differs");

            CompletableFuture<Boolean> sleeper = CompletableFuture.supplyAsync(() -> {
                while (word.get(ValueLayout.JAVA_INT, 0) == 0) {
                    Futex.wait(word, 0, 10_000_000_000L);
                }
                return true;
            });
            Thread.sleep(50);
            second.set(ValueLayout.JAVA_INT, 64, 1);
            int woken = Futex.wakeAll(second.asSlice(64, 4));
            assertTrue(sleeper.get(5, TimeUnit.SECONDS));
            assertTrue(woken <= 1);
        }
    }
}
