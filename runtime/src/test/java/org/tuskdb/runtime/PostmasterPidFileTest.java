package org.tuskdb.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PostmasterPidFileTest {
    @TempDir
    Path data;

    private PostmasterPidFile.Contents contents(long pid) {
        return new PostmasterPidFile.Contents(pid, data, 1_700_000_000L, 5433, "/tmp", "localhost",
                "/dev/shm/tusk-" + pid, "starting");
    }

    @Test
    void writesPostgresStyleLines() throws Exception {
        PostmasterPidFile.acquire(data, contents(42), pid -> false);
        List<String> lines = Files.readAllLines(PostmasterPidFile.path(data));
        assertEquals(List.of("42", data.toString(), "1700000000", "5433", "/tmp", "localhost", "/dev/shm/tusk-42",
                "starting"), lines);
        assertEquals("starting", lines.get(PostmasterPidFile.LINE_STATUS - 1));
    }

    @Test
    void secondPostmasterIsRefusedWhileHolderLives() throws Exception {
        PostmasterPidFile.acquire(data, contents(42), pid -> false);
        PostmasterPidFile.HeldException e = assertThrows(PostmasterPidFile.HeldException.class,
                () -> PostmasterPidFile.acquire(data, contents(43), pid -> pid == 42));
        assertTrue(e.getMessage().contains("PID 42"), e.getMessage());
        assertEquals(42, PostmasterPidFile.readPid(data).getAsLong());
    }

    @Test
    void staleFileOfDeadPidIsTakenOver() throws Exception {
        PostmasterPidFile.acquire(data, contents(42), pid -> false);
        PostmasterPidFile.acquire(data, contents(43), pid -> false);
        assertEquals(43, PostmasterPidFile.readPid(data).getAsLong());
    }

    @Test
    void takingOverRemovesTheSegmentTheDeadPostmasterLeft() throws Exception {
        java.nio.file.Path segment = data.resolve("pg_shmem").resolve("segment");
        Files.createDirectories(segment.getParent());
        Files.writeString(segment, "stale");
        PostmasterPidFile.acquire(data, new PostmasterPidFile.Contents(42, data, 1_700_000_000L, 5433, "/tmp",
                "localhost", segment.toString(), "ready"), pid -> false);
        PostmasterPidFile.acquire(data, contents(43), pid -> false);
        assertTrue(Files.notExists(segment), "the stale segment is gone");
        assertEquals(43, PostmasterPidFile.readPid(data).getAsLong());
    }

    @Test
    void garbledFileIsTakenOver() throws Exception {
        Files.writeString(PostmasterPidFile.path(data), "");
        PostmasterPidFile.acquire(data, contents(44), pid -> true);
        assertEquals(44, PostmasterPidFile.readPid(data).getAsLong());
    }

    @Test
    void releaseRemovesOnlyItsOwnFile() throws Exception {
        PostmasterPidFile.acquire(data, contents(42), pid -> false);
        PostmasterPidFile.release(data, 7);
        assertTrue(Files.exists(PostmasterPidFile.path(data)));
        PostmasterPidFile.release(data, 42);
        assertFalse(Files.exists(PostmasterPidFile.path(data)));
    }

    @Test
    void ownPidAndDeadPidAreNotLivePostmasters() throws Exception {
        assertFalse(PostmasterPidFile.isLiveTuskProcess(ProcessHandle.current().pid()));
        Process p = new ProcessBuilder("true").start();
        p.waitFor();
        assertFalse(PostmasterPidFile.isLiveTuskProcess(p.pid()));
    }

    @Test
    void liveJavaProcessIsALivePostmasterButAnotherProgramIsNot() throws Exception {
        // "exec -a java" makes the command line say java; comm stays "sleep".
        Process java = new ProcessBuilder("bash", "-c", "exec -a java sleep 30").start();
        Process other = new ProcessBuilder("sleep", "30").start();
        try {
            Thread.sleep(100);
            assertTrue(PostmasterPidFile.isLiveTuskProcess(java.pid()));
            assertFalse(PostmasterPidFile.isLiveTuskProcess(other.pid()));
        } finally {
            java.destroyForcibly().waitFor();
            other.destroyForcibly().waitFor();
        }
    }
}
