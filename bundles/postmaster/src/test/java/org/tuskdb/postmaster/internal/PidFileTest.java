package org.tuskdb.postmaster.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PidFileTest {

    @Test
    void statusReplacesAnExistingStatusLine() {
        String lines = "123\n/data\n1700000000\n5432\n/tmp\nlocalhost\n0\nstarting\n";
        assertEquals("123\n/data\n1700000000\n5432\n/tmp\nlocalhost\n0\nready   \n",
                PidFile.withStatus(lines, "ready"));
    }

    @Test
    void statusIsAppendedWhenTheLastLineIsNoStatus() {
        assertEquals("123\n/data\nstopping\n", PidFile.withStatus("123\n/data\n", "stopping"));
        assertEquals("123\n/data\nstopping\n", PidFile.withStatus("123\n/data", "stopping"));
    }

    @Test
    void statusIsRewrittenInPlace(@TempDir Path dir) throws Exception {
        Path path = dir.resolve("postmaster.pid");
        Files.writeString(path, "123\n/data\nstarting\n");
        Object inode = Files.getAttribute(path, "unix:ino");
        PidFile pidFile = new PidFile(path);
        pidFile.setStatus("ready");
        assertEquals("123\n/data\nready   \n", Files.readString(path));
        pidFile.setStatus("stopping");
        assertEquals("123\n/data\nstopping\n", Files.readString(path));
        assertEquals(inode, Files.getAttribute(path, "unix:ino"));
    }

    @Test
    void missingPidFileIsIgnored(@TempDir Path dir) throws Exception {
        new PidFile(dir.resolve("postmaster.pid")).setStatus("ready");
        assertEquals(false, Files.exists(dir.resolve("postmaster.pid")));
    }
}
