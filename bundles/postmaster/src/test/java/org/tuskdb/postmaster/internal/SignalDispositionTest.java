package org.tuskdb.postmaster.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

class SignalDispositionTest {

    /** Run in a child JVM whose SIGINT the test starts ignored, as a backgrounded shell job's is. */
    public static void main(String[] args) throws Exception {
        boolean ignoredAtStart = SignalDisposition.isIgnored(2);
        SignalDisposition.restoreDefaultIfIgnored(2);
        Object got = new Object();
        java.util.concurrent.CountDownLatch latch = new java.util.concurrent.CountDownLatch(1);
        org.tuskdb.platform.linux.Signals.handle("INT", latch::countDown);
        org.tuskdb.platform.linux.Libc.kill(ProcessHandle.current().pid(), 2);
        boolean handled = latch.await(5, TimeUnit.SECONDS);
        System.exit(ignoredAtStart && handled && got != null ? 0 : 7);
    }

    @Test
    void ignoredSigintInheritedFromTheShellIsHandledAfterRestore() throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        // "trap '' INT" makes the shell, and the JVM it execs, start with SIGINT ignored.
        String command = "trap '' INT; exec " + java + " --enable-native-access=ALL-UNNAMED -cp "
                + System.getProperty("java.class.path") + " " + SignalDispositionTest.class.getName();
        Process process = new ProcessBuilder(List.of("/bin/sh", "-c", command)).inheritIO().start();
        assertTrue(process.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue());
    }

    @Test
    void signalsNotIgnoredAreLeftAlone() {
        // The test JVM's SIGTERM has the JVM's handler: not ignored, and must stay as it is.
        assertEquals(false, SignalDisposition.isIgnored(15));
        SignalDisposition.restoreDefaultIfIgnored(15);
        assertEquals(false, SignalDisposition.isIgnored(15));
    }
}
