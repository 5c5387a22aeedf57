package org.tuskdb.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Just enough of tusk.conf's syntax (PostgreSQL's: {@code name = value # comment}, values
 * optionally in single quotes) for the launcher to learn port, listen_addresses and
 * unix_socket_directories for postmaster.pid before any bundle runs. The settings bundle owns the
 * real parsing, units and validation.
 */
final class ConfFile {
    private ConfFile() {
    }

    static Map<String, String> read(Path file) throws IOException {
        Map<String, String> values = new HashMap<>();
        if (!Files.isRegularFile(file)) {
            return values;
        }
        for (String line : Files.readAllLines(file)) {
            parseLine(line, values);
        }
        return values;
    }

    static void parseLine(String line, Map<String, String> values) {
        String text = line.strip();
        if (text.isEmpty() || text.startsWith("#")) {
            return;
        }
        int eq = text.indexOf('=');
        int space = text.indexOf(' ');
        int split = eq >= 0 ? eq : space;
        if (split <= 0) {
            return;
        }
        String name = text.substring(0, split).strip().toLowerCase(Locale.ROOT);
        String rest = text.substring(split + 1).strip();
        String value;
        if (rest.startsWith("'")) {
            StringBuilder b = new StringBuilder();
            int i = 1;
            while (i < rest.length()) {
                char c = rest.charAt(i);
                if (c == '\'' && i + 1 < rest.length() && rest.charAt(i + 1) == '\'') {
                    b.append('\'');
                    i += 2;
                } else if (c == '\'') {
                    break;
                } else {
                    b.append(c);
                    i++;
                }
            }
            value = b.toString();
        } else {
            int hash = rest.indexOf('#');
            value = (hash >= 0 ? rest.substring(0, hash) : rest).strip();
        }
        values.put(name, value);
    }

    /** The first entry of a comma-separated list setting, or the fallback when empty. */
    static String first(String list, String fallback) {
        if (list == null) {
            return fallback;
        }
        String first = list.split(",", -1)[0].strip();
        return first.isEmpty() ? fallback : first;
    }
}
