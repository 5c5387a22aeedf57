package org.tuskdb.settings.internal;

import java.nio.file.Path;

/** One {@code name = value} line of a configuration file, the value unquoted and unescaped. */
record ConfigEntry(String name, String value, Path file, int line) {
    /** How error messages name the place: PostgreSQL's "file \"...\" line N". */
    String where() {
        return "file \"" + file + "\" line " + line;
    }
}
