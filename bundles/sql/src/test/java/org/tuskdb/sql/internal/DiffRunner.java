package org.tuskdb.sql.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.tuskdb.api.DatabaseException;
import org.tuskdb.api.sql.SessionStartup;
import org.tuskdb.api.sql.SqlSession;

/**
 * Development tool, not a test: runs each line of a file as a simple Query and prints what
 * {@code psql -At} would (rows as a|b, errors as "ERROR:  message"), so the output can be
 * diffed against a real PostgreSQL 15. Usage: DiffRunner file.sql
 */
public final class DiffRunner {
    /** Like psql -A -P footer=off: a header line per result, then the rows. */
    private static void printRows(RecordingSink sink) {
        sink.printed.forEach(System.out::println);
    }

    public static void main(String[] args) throws Exception {
        SqlSession s = Engine.standalone().openSession(new SessionStartup("postgres", "postgres",
            Map.of("application_name", "psql"), 4242, null, -1), new FakeHost());
        for (String line : Files.readAllLines(Path.of(args[0]))) {
            if (line.isBlank() || line.startsWith("--")) {
                continue;
            }
            RecordingSink sink = new RecordingSink();
            try {
                s.simpleQuery(line, sink);
                for (DatabaseException n : sink.notices) {
                    System.out.println(n.severity() + ":  " + n.getMessage());
                }
                printRows(sink);
            } catch (DatabaseException e) {
                for (DatabaseException n : sink.notices) {
                    System.out.println(n.severity() + ":  " + n.getMessage());
                }
                System.out.println("ERROR:  " + e.getMessage()
                    + (e.position() > 0 ? " at character " + e.position() : ""));
            }
        }
    }
}
