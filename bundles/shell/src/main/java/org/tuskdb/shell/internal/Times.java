package org.tuskdb.shell.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/** How the shell writes times: PostgreSQL's ISO style, in the server's TimeZone, no fractions. */
final class Times {
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    private Times() {
    }

    /** "2026-11-25 10:58:00", or empty for 0 (the ProcArray's "unset"). */
    static String timestamp(long epochMillis, ZoneId zone) {
        return epochMillis == 0 ? "" : DATE_TIME.format(Instant.ofEpochMilli(epochMillis).atZone(zone));
    }

    /** Like timestamp, but only the time of day when it is on today's date: saves width in tables. */
    static String shortTimestamp(long epochMillis, long nowMillis, ZoneId zone) {
        if (epochMillis == 0) {
            return "";
        }
        ZonedDateTime at = Instant.ofEpochMilli(epochMillis).atZone(zone);
        LocalDate today = Instant.ofEpochMilli(nowMillis).atZone(zone).toLocalDate();
        return at.toLocalDate().equals(today) ? TIME.format(at) : DATE_TIME.format(at);
    }

    /** An elapsed time as PostgreSQL prints an interval: "02:03:04", "1 day 02:03:04", "3 days 00:00:09". */
    static String interval(Duration elapsed) {
        if (elapsed.isNegative()) {
            elapsed = Duration.ZERO;
        }
        long days = elapsed.toDays();
        String clock = "%02d:%02d:%02d".formatted(elapsed.toHoursPart(), elapsed.toMinutesPart(), elapsed.toSecondsPart());
        if (days == 0) {
            return clock;
        }
        return days + (days == 1 ? " day " : " days ") + clock;
    }
}
