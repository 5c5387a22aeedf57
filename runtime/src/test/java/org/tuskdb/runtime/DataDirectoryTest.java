package org.tuskdb.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataDirectoryTest {
    @TempDir
    Path tmp;

    @Test
    void initializeCreatesVersionConfHbaLogAndRuntimeDirectories() throws IOException {
        Path data = tmp.resolve("data");
        assertTrue(DataDirectory.initialize(data, tmp.resolve("no-bundles")));
        assertEquals(DataDirectory.FORMAT_VERSION, Files.readString(data.resolve("TUSK_VERSION")).strip());
        assertTrue(Files.readString(data.resolve("tusk.conf")).contains("port"));
        assertTrue(Files.exists(data.resolve("hba.conf")));
        assertTrue(Files.isDirectory(data.resolve("log")));
        assertTrue(Files.isDirectory(data.resolve("pg_runtime")));
        assertEquals("rwx------", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(data)));
        assertFalse(DataDirectory.initialize(data, tmp), "a second init leaves it alone");
    }

    @Test
    void nonEmptyForeignDirectoryIsRefused() throws IOException {
        Path data = Files.createDirectories(tmp.resolve("other"));
        Files.writeString(data.resolve("something"), "x");
        assertThrows(IOException.class, () -> DataDirectory.initialize(data, tmp));
    }

    @Test
    void otherFormatVersionIsRefused() throws IOException {
        Path data = tmp.resolve("data");
        DataDirectory.initialize(data, tmp);
        Files.writeString(data.resolve("TUSK_VERSION"), "99\n");
        assertThrows(IOException.class, () -> DataDirectory.check(data));
    }

    @Test
    void logPipeIsAFifoAfterMkfifo() throws IOException {
        Path data = tmp.resolve("data");
        DataDirectory.initialize(data, tmp);
        Path pipe = DataDirectory.logPipe(data);
        Posix.mkfifo(pipe, 0600);
        Posix.mkfifo(pipe, 0600); // an existing FIFO is fine
        assertTrue(Posix.isFifo(pipe));
        assertFalse(Posix.isFifo(data.resolve("tusk.conf")));
    }

    @Test
    void deepDataDirectoryGetsControlSocketInTmp() {
        Path deep = tmp.resolve("x".repeat(120));
        assertTrue(DataDirectory.controlSocket(deep, 5).toString().endsWith("tusk-5.control"));
        assertEquals(tmp.resolve(".s.tusk.control"), DataDirectory.controlSocket(tmp, 5));
    }

    @Test
    void confFileReadsQuotedAndCommentedValues() {
        Map<String, String> v = new HashMap<>();
        ConfFile.parseLine("port = 5433   # the port", v);
        ConfFile.parseLine("listen_addresses = 'localhost, 127.0.0.1'", v);
        ConfFile.parseLine("#port = 1", v);
        ConfFile.parseLine("Unix_Socket_Directories='/var/run/it''s'", v);
        assertEquals("5433", v.get("port"));
        assertEquals("localhost", ConfFile.first(v.get("listen_addresses"), "x"));
        assertEquals("/var/run/it's", v.get("unix_socket_directories"));
        assertEquals("fallback", ConfFile.first(null, "fallback"));
    }
}
