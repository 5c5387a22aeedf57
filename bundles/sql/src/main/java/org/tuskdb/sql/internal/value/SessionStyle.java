package org.tuskdb.sql.internal.value;

import java.time.ZoneId;

/**
 * The session settings that change how values are read and written as text: TimeZone,
 * extra_float_digits, IntervalStyle, DateStyle's field order; plus the transaction's start
 * time, which the special input 'now' means. Built once per statement from the session.
 *
 * @param zone the TimeZone setting
 * @param extraFloatDigits extra_float_digits (> 0: shortest exact output)
 * @param intervalStyle postgres, postgres_verbose, sql_standard or iso_8601
 * @param dayFirst true when DateStyle says DMY (ambiguous dates read day first)
 * @param nowMicros transaction start, microseconds since 2000-01-01 UTC
 */
public record SessionStyle(ZoneId zone, int extraFloatDigits, String intervalStyle, boolean dayFirst,
                           long nowMicros) {
    /** Defaults of a fresh PostgreSQL session in UTC; for tests and constant folding. */
    public static SessionStyle utc() {
        return new SessionStyle(ZoneId.of("UTC"), 1, "postgres", false, DateTimes.nowMicros());
    }
}
