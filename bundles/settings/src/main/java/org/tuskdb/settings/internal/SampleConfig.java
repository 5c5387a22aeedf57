package org.tuskdb.settings.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.tuskdb.api.SettingDefinition;

/**
 * Writes the tusk.conf that {@code tusk init} puts into a new data directory: every setting a
 * file may set, commented out with its built-in value, grouped by category. The copy shipped as
 * the resource {@code tusk.conf.sample} is this text (a test keeps the two equal).
 */
final class SampleConfig {
    private static final int COMMENT_COLUMN = 40;

    private SampleConfig() {}

    static String render(SettingsCatalog catalog) {
        StringBuilder b = new StringBuilder();
        b.append("""
                # -----------------------------
                # Tusk configuration file
                # -----------------------------
                #
                # One setting per line:
                #
                #   name = value
                #
                # The "=" is optional. Whitespace and blank lines are ignored; "#" starts a comment.
                # Names are PostgreSQL's and are case-insensitive. Quote a value with single quotes
                # when it contains anything but letters, digits, '.', '-' and ':'.
                #
                # Every setting below is commented out and shows its built-in value. To change one,
                # remove the "#" and edit the value. Settings marked "(change requires restart)" take
                # effect at the next server start; the others when the server reloads its
                # configuration (SIGHUP to the postmaster).
                #
                # Memory units:  B  = bytes            Time units:  us  = microseconds
                #                kB = kilobytes                     ms  = milliseconds
                #                MB = megabytes                     s   = seconds
                #                GB = gigabytes                     min = minutes
                #                TB = terabytes                     h   = hours
                #                                                   d   = days
                #
                # Other files can be read with include 'file', include_if_exists 'file' and
                # include_dir 'directory'.
                """);
        Map<String, Map<String, List<Setting>>> groups = new LinkedHashMap<>();
        for (Setting s : catalog.inDefinitionOrder()) {
            if (!s.inSample()) {
                continue;
            }
            String[] parts = s.definition().category().split(" / ", 2);
            String sub = parts.length > 1 ? parts[1] : "";
            groups.computeIfAbsent(parts[0], k -> new LinkedHashMap<>())
                    .computeIfAbsent(sub, k -> new java.util.ArrayList<>()).add(s);
        }
        for (var group : groups.entrySet()) {
            b.append("\n\n#").append("-".repeat(78)).append('\n');
            b.append("# ").append(group.getKey().toUpperCase(Locale.ROOT)).append('\n');
            b.append('#').append("-".repeat(78)).append('\n');
            for (var sub : group.getValue().entrySet()) {
                b.append('\n');
                if (!sub.getKey().isEmpty()) {
                    b.append("# - ").append(sub.getKey()).append(" -\n\n");
                }
                for (Setting s : sub.getValue()) {
                    b.append(line(s)).append('\n');
                }
            }
        }
        return b.toString();
    }

    private static String line(Setting s) {
        SettingDefinition d = s.definition();
        StringBuilder b = new StringBuilder("#").append(d.name()).append(" = ").append(fileValue(s, d.bootValue()));
        int pad = Math.max(1, COMMENT_COLUMN - b.length());
        b.append(" ".repeat(pad)).append("# ").append(d.shortDesc());
        if (d.context().equals("postmaster")) {
            b.append(" (change requires restart)");
        }
        return b.toString();
    }

    /** A value as it must be written in the file: numbers and words bare, anything else quoted. */
    static String fileValue(Setting s, String baseValue) {
        String shown = ValueNormalizer.display(s, baseValue);
        if (s.definition().type().equals("string") || !shown.matches("[A-Za-z0-9_.:+-]+")) {
            return "'" + shown.replace("\\", "\\\\").replace("'", "''") + "'";
        }
        return shown;
    }
}
