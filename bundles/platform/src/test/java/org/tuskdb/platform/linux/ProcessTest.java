package org.tuskdb.platform.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

class ProcessTest {
    @Test
    void pidsMatchTheJvm() {
        assertEquals(ProcessHandle.current().pid(), Libc.getpid());
        assertEquals(ProcessHandle.current().parent().orElseThrow().pid(), Libc.getppid());
        assertTrue(Libc.processExists(Libc.getpid()));
        assertFalse(Libc.processExists(Integer.MAX_VALUE - 1));
    }

    @Test
    void usr1SentToOwnPidRunsTheHandler() throws Exception {
        CountDownLatch delivered = new CountDownLatch(1);
        Signals.handle("USR1", delivered::countDown);
        Libc.kill(Libc.getpid(), Signals.SIGUSR1);
        assertTrue(delivered.await(5, TimeUnit.SECONDS));
    }

    @Test
    void killOfAMissingProcessSaysEsrch() {
        ErrnoException e = assertThrows(ErrnoException.class, () -> Libc.kill(Integer.MAX_VALUE - 1, Signals.SIGTERM));
        assertEquals(Errno.ESRCH, e.errno());
        assertThrows(IllegalArgumentException.class, () -> Libc.kill(0, Signals.SIGTERM), "never a process group");
    }

    @Test
    void processTitleShowsInProc() throws Exception {
        String before = Libc.processTitle();
        try {
            Libc.setProcessTitle("tusk backend");
            assertEquals("tusk backend", Libc.processTitle());
            Libc.setProcessTitle("tusk autovacuum worker");
            assertEquals("tusk autovacuum", Libc.processTitle(), "cut to 15 bytes");
        } finally {
            Libc.setProcessTitle(before);
        }
    }
}
