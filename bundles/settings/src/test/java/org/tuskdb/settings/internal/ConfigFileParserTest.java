package org.tuskdb.settings.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigFileParserTest {
    private static final Path FILE = Path.of("/data/tusk.conf");

    private static List<String> pairs(ConfigFileParser.Result r) {
        return r.entries().stream().map(e -> e.name() + "=" + e.value() + "@" + e.line()).toList();
    }

    @Test
    void readsNamesValuesQuotesAndComments() {
        ConfigFileParser.Result r = ConfigFileParser.parseText(FILE, """
                # a comment
                port = 5433            # trailing comment

                shared_buffers=256MB
                listen_addresses 'localhost, 127.0.0.1'
                search_path = '"$user", public # not a comment'
                application_name = 'it''s \\'quoted\\'\\tok'
                  work_mem = 8MB
                DateStyle = 'iso, dmy'
                custom.setting = on
                """);
        assertEquals(List.of(), r.errors());
        assertEquals(List.of("port=5433@2", "shared_buffers=256MB@4", "listen_addresses=localhost, 127.0.0.1@5",
                "search_path=\"$user\", public # not a comment@6", "application_name=it's 'quoted'\tok@7",
                "work_mem=8MB@8", "DateStyle=iso, dmy@9", "custom.setting=on@10"), pairs(r));
    }

    @Test
    void badLinesAreReportedWithFileAndLineAndSkipped() {
        ConfigFileParser.Result r = ConfigFileParser.parseText(FILE, """
                port = 5433
                = 12
                work_mem 4MB extra
                application_name = 'unterminated
                max_connections =
                log_min_messages = error
                """);
        assertEquals(List.of("port=5433@1", "log_min_messages=error@6"), pairs(r));
        assertEquals(List.of(
                "syntax error in file \"/data/tusk.conf\" line 2, near token \"=\"",
                "syntax error in file \"/data/tusk.conf\" line 3, near token \"extra\"",
                "syntax error in file \"/data/tusk.conf\" line 4, near token \"'unterminated\"",
                "syntax error in file \"/data/tusk.conf\" line 5, near end of line"), r.errors());
    }

    @Test
    void includeReadsRelativeFilesInOrder(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("tusk.conf"), """
                port = 1
                include 'more.conf'
                include_if_exists 'absent.conf'
                include_dir 'conf.d'
                include 'missing.conf'
                """);
        Files.writeString(dir.resolve("more.conf"), "port = 2\n");
        Files.createDirectory(dir.resolve("conf.d"));
        Files.writeString(dir.resolve("conf.d/b.conf"), "work_mem = 2MB\n");
        Files.writeString(dir.resolve("conf.d/a.conf"), "work_mem = 1MB\n");
        Files.writeString(dir.resolve("conf.d/ignored.txt"), "work_mem = 9MB\n");
        ConfigFileParser.Result r = ConfigFileParser.parseFile(dir.resolve("tusk.conf"));
        assertEquals(List.of("port=1@1", "port=2@1", "work_mem=1MB@1", "work_mem=2MB@1"), pairs(r));
        assertEquals(1, r.errors().size());
        assertTrue(r.errors().getFirst().contains("missing.conf"), r.errors().toString());
    }

    @Test
    void selfIncludeStopsAtTheDepthLimit(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("tusk.conf"), "include 'tusk.conf'\n");
        ConfigFileParser.Result r = ConfigFileParser.parseFile(dir.resolve("tusk.conf"));
        assertEquals(1, r.errors().size());
        assertTrue(r.errors().getFirst().contains("nesting depth"));
    }

    @Test
    void missingFileGivesNothing(@TempDir Path dir) {
        ConfigFileParser.Result r = ConfigFileParser.parseFile(dir.resolve("tusk.conf"));
        assertEquals(List.of(), r.entries());
        assertEquals(List.of(), r.errors());
    }
}
