package org.tuskdb.postmaster.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The postmaster removes the temporary files an earlier run's backends left in base/pgsql_tmp, and nothing else. */
class TemporaryFilesTest {
    @TempDir
    Path dir;

    @Test
    void leftoverTemporaryFilesAreRemovedAtStart() throws Exception {
        Path tmp = Files.createDirectories(dir.resolve("base/pgsql_tmp"));
        Path left = Files.writeString(tmp.resolve("pgsql_tmp1234.0"), "rows");
        Path other = Files.writeString(tmp.resolve("README"), "keep");
        Postmaster.removeTemporaryFiles(tmp);
        assertFalse(Files.exists(left));
        assertTrue(Files.exists(other));
        Postmaster.removeTemporaryFiles(dir.resolve("missing")); // no directory: nothing to do
    }
}
