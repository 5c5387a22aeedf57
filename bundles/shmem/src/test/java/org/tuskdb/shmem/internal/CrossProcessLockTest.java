package org.tuskdb.shmem.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tuskdb.shmem.sync.Atomics;

/** An LWLock shared with a real second process: a child JVM attaches the segment file. */
class CrossProcessLockTest {
    private static final int ROUNDS = 50_000;

    @TempDir
    Path dir;

    @Test
    void childJvmAndThisOneIncrementUnderOneLwLock() throws Exception {
        Path file = dir.resolve("segment");
        Process child = null;
        try (Segment segment = Segment.create(file, 1, ProcessHandle.current().pid(),
                List.of(new Segment.RegionSpec("counter", 256)))) {
            MemorySegment region = segment.region("counter");
            child = new ProcessBuilder(ProcessHandle.current().info().command().orElseThrow(),
                    "--enable-native-access=ALL-UNNAMED", "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                    "-Xmx32m", "-cp", System.getProperty("java.class.path"), CounterChildMain.class.getName(),
                    file.toString(), Integer.toString(ROUNDS))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.INHERIT).start();

            long deadline = System.nanoTime() + 20_000_000_000L;
            while (Atomics.getInt(region, CounterChildMain.READY) == 0) {
                assertTrue(child.isAlive() && System.nanoTime() < deadline, "child attached the segment");
                Thread.sleep(5);
            }
            Atomics.setInt(region, CounterChildMain.GO, 1);
            CounterChildMain.increment(region, ROUNDS);

            assertTrue(child.waitFor(30, TimeUnit.SECONDS), "child finished");
            assertEquals(0, child.exitValue());
            assertEquals(2L * ROUNDS, region.get(ValueLayout.JAVA_LONG, CounterChildMain.COUNTER));
        } finally {
            if (child != null) {
                child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }
}
