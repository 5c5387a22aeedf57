package org.tuskdb.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tuskdb.itests.StorageBasicsTest.exec;
import static org.tuskdb.itests.StorageBasicsTest.ids;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A data page whose checksum does not match gives ERROR XX001 (data_corrupted), never wrong data,
 * and only the statement fails: the session, other tables and the server go on.
 *
 * <p>Relies on PostgreSQL's layout: a table's main fork is {@code base/5/<pg_class.relfilenode>}
 * in 8 KiB pages, each with a checksum over the whole page (PostgreSQL: initdb --data-checksums,
 * which {@link StorageServer} uses).
 */
@Tag("storage")
class PageChecksumTest {
    static final int PAGE = 8192;

    @Test
    void pageWithBadChecksumGivesXX001AndTheSessionGoesOn() throws Exception {
        try (StorageServer server = StorageServer.start()) {
            Path file;
            try (Connection c = server.connect()) {
                exec(c, "CREATE TABLE damaged (id int, v text)");
                exec(c, "CREATE TABLE intact (id int)");
                for (int id = 1; id <= 20; id++) {
                    exec(c, "INSERT INTO damaged VALUES (" + id + ", 'value " + id + "')");
                    exec(c, "INSERT INTO intact VALUES (" + id + ")");
                }
                file = server.relationFile(c, "damaged");
            }
            TuskServer.Result stop = server.stop("fast"); // every page written, with its checksum
            assertEquals(0, stop.exitCode(), stop.toString());
            long size = Files.size(file);
            assertTrue(size >= PAGE && size % PAGE == 0, file + " holds whole 8 KiB pages: " + size);
            long block = size / PAGE / 2;
            TornWalTest.xorByte(file, block * PAGE + PAGE / 2, 0xFF); // the middle of a page
            server.startAgain();
            long pm = server.postmasterPid();
            try (Connection c = server.connect()) {
                SQLException e = assertThrows(SQLException.class, () -> ids(c, "SELECT id FROM damaged"));
                assertEquals("XX001", e.getSQLState(), e.getMessage());
                System.out.println("damaged block " + block + " of " + file + ": " + e.getMessage());
                StorageBasicsTest.assertSessionWorks(c);
                assertEquals(IntStream.rangeClosed(1, 20).boxed().toList(), ids(c, "SELECT id FROM intact"),
                        "other tables are read as before");
                // asked again, the same error: the bad page never became a cached good one
                assertEquals("XX001", assertThrows(SQLException.class, () -> ids(c, "SELECT id FROM damaged WHERE id = 1"))
                        .getSQLState());
                StorageBasicsTest.assertSessionWorks(c);
            }
            try (Connection c = server.connect()) {
                assertEquals("XX001", assertThrows(SQLException.class, () -> ids(c, "SELECT v FROM damaged")).getSQLState(),
                        "another session gets it too");
                assertEquals(List.of(1), ids(c, "SELECT id FROM intact WHERE id = 1"));
            }
            assertEquals(pm, server.postmasterPid(), "a corrupt page is an ERROR, not a crash");
        }
    }
}
