package org.tuskdb.runtime.log;

import java.util.Locale;
import org.slf4j.event.Level;

/**
 * Maps PostgreSQL's message levels (log_min_messages: debug5..debug1, info, notice, warning,
 * error, log, fatal, panic) and SLF4J's own names to the SLF4J level below which records are
 * dropped.
 */
public final class LogLevels {
    private LogLevels() {
    }

    /** The threshold for a level name; unknown or missing names give INFO. */
    public static Level threshold(String name) {
        if (name == null) {
            return Level.INFO;
        }
        return switch (name.trim().toLowerCase(Locale.ROOT)) {
            case "trace", "debug5", "debug4", "debug3" -> Level.TRACE;
            case "debug", "debug2", "debug1" -> Level.DEBUG;
            case "warn", "warning" -> Level.WARN;
            case "error", "fatal", "panic" -> Level.ERROR;
            default -> Level.INFO;
        };
    }
}
