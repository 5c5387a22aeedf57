package org.tuskdb.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkerCommandTest {
    @TempDir
    Path dir;

    private WorkerCommand command(Path aot) {
        return new WorkerCommand(Path.of("/jdk/bin/java"), "/d/lib/a.jar:/d/lib/b.jar", aot, Path.of("/data"), 100,
                Path.of("/data/.s.tusk.control"), Path.of("/data/log/.pipe"), Path.of("/d"), null, java.util.Map.of("port", "5999"));
    }

    private static String after(List<String> c, String option) {
        return c.get(c.indexOf(option) + 1);
    }

    @Test
    void workerArgumentsCarryRoleSlotDataPostmasterSocketPipe() {
        List<String> c = command(null).build("backend", 7, 48);
        assertEquals("/jdk/bin/java", c.get(0));
        assertTrue(c.contains("-Dtusk.role=backend"));
        assertTrue(c.contains("-Xmx48m"));
        assertTrue(c.contains("-XX:+UseSerialGC"));
        assertTrue(c.contains("--enable-native-access=ALL-UNNAMED"));
        assertEquals("/d/lib/a.jar:/d/lib/b.jar", after(c, "-cp"));
        int main = c.indexOf(Main.class.getName());
        assertEquals("worker", c.get(main + 1));
        assertEquals("backend", after(c, "--role"));
        assertEquals("7", after(c, "--slot"));
        assertEquals("/data", after(c, "-D"));
        assertEquals("100", after(c, "--postmaster-pid"));
        assertEquals("/data/.s.tusk.control", after(c, "--control-socket"));
        assertEquals("/data/log/.pipe", after(c, "--log-pipe"));
        assertEquals("/d", after(c, "--install"));
        assertEquals("port=5999", after(c, "--set"));
        assertTrue(c.indexOf("-Dtusk.role=backend") < main, "JVM options precede the main class");
    }

    @Test
    void workerCommandLineParsesBackIntoTheSameValues() {
        List<String> c = command(null).build("logger", 3, 24);
        int main = c.indexOf(Main.class.getName());
        Options o = Options.parse(c.subList(main + 1, c.size()).toArray(String[]::new));
        assertEquals("worker", o.command());
        assertEquals("logger", o.required("--role"));
        assertEquals("3", o.required("--slot"));
        assertEquals(Path.of("/data"), o.dataDirectory());
        assertEquals(java.util.Map.of("tusk.setting.port", "5999"), o.settingProperties());
    }

    @Test
    void backendsAndStartupKeepC2OtherAuxiliaryRolesStopAtC1() {
        assertFalse(command(null).build("backend", 1, 64).contains("-XX:TieredStopAtLevel=1"));
        assertTrue(command(null).build("logger", 1, 24).contains("-XX:TieredStopAtLevel=1"));
        assertFalse(command(null).build("startup", 1, 64).contains("-XX:TieredStopAtLevel=1"), "redo is a hot loop");
    }

    @Test
    void workersGetASmallYoungGenerationAndTwoMallocArenas() {
        List<String> c = command(null).build("backend", 1, 512);
        assertTrue(c.contains("-Xmn4m"), c.toString());
        assertFalse(c.contains("-Xmn6m"));
        assertEquals("2", WorkerCommand.environment().get("MALLOC_ARENA_MAX"));
    }

    @Test
    void aotCacheIsUsedOnlyWhenItExists() throws IOException {
        Path aot = dir.resolve("worker.aot");
        assertTrue(command(aot).build("backend", 1, 64).stream().noneMatch(a -> a.startsWith("-XX:AOTCache=")));
        Files.writeString(aot, "x");
        assertTrue(command(aot).build("backend", 1, 64).contains("-XX:AOTCache=" + aot));
    }
}
