package org.tuskdb.sql.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tuskdb.api.DatabaseException;

/** time, timestamp arithmetic, age, make_*, justify_*, POSIX TimeZone offsets: PostgreSQL 15's output. */
class DateTimeTypesTest {
    private final FakeStorage storage = new FakeStorage();
    private final SessionFixture db = new SessionFixture(SessionFixture.engineWith(storage));

    private void fails(String sql, String state, String message) {
        DatabaseException e = db.error(sql);
        assertEquals(state, e.sqlState(), sql);
        assertEquals(message, e.getMessage(), sql);
    }

    @Test
    void timeInputOutputAndArithmetic() {
        assertEquals("12:34:56.789|24:00:00|22:00:00|10:00:01.5",
            db.value("select '12:34:56.789'::time, '24:00'::time, '10:00 PM'::time, '2024-01-01 10:00:01.5'::time"));
        assertEquals("13:34:56|01:00:00|01:00:00|23:00:00", db.value("select '12:34:56'::time + '1 hour'::interval, "
            + "'12:00'::time - '11:00'::time, '23:00'::time + interval '2 hours', '01:00'::time - interval '2 hours'"));
        assertEquals("2024-01-01 10:00:00|10:00:00|02:00:00", db.value("select date '2024-01-01' + time '10:00', "
            + "'2024-01-01 10:00'::timestamp::time, '26 hours'::interval::time"));
        assertEquals("10:00:00.12", db.value("select '10:00:00.123456'::time(2)"));
        assertEquals("time without time zone", db.value("select pg_typeof(localtime)"));
        fails("select '25:00'::time", "22008", "date/time field value out of range: \"25:00\"");
        fails("select 'x'::time", "22007", "invalid input syntax for type time: \"x\"");
        fails("select 'garbage'::timestamp", "22007", "invalid input syntax for type timestamp: \"garbage\"");
    }

    @Test
    void timeWithTimeZoneComparesInstantThenZone() {
        assertEquals("10:00:00+02|10:00:00.5-05:30|f|t|10:00:00|11:00:00+00", db.value("select '10:00+02'::timetz, "
            + "'10:00:00.5-05:30'::timetz, '10:00+02'::timetz = '09:00+01'::timetz, '10:00+02'::timetz < '09:30+01'::timetz, "
            + "'10:00+02'::timetz::time, '10:00+00'::timetz + interval '1 hour'"));
        assertEquals("time with time zone", db.value("select pg_typeof(current_time)"));
        fails("select 'x'::timetz", "22007", "invalid input syntax for type time with time zone: \"x\"");
    }

    @Test
    void timeColumnsAreStoredAndOrdered() {
        db.rows("create table t (t time)");
        db.rows("insert into t values ('10:11:12.5'), ('00:00'), (null), ('24:00')");
        assertEquals(List.of("00:00:00", "10:11:12.5", "24:00:00", ""), db.rows("select t from t order by t"));
    }

    @Test
    void ageAndJustify() {
        assertEquals("4 years 4 mons 4 days 12:00:00", db.value("select age(timestamp '2024-05-06', timestamp '2020-01-01 12:00')"));
        assertEquals("-4 years -2 mons -30 days -10:00:00", db.value("select age(timestamp '2020-01-01', timestamp '2024-03-31 10:00')"));
        assertEquals("1 mon 1 day", db.value("select age(timestamp '2024-03-01', timestamp '2024-01-31')"));
        assertEquals("1 day 03:00:00|1 mon 5 days|29 days 23:00:00", db.value("select justify_hours('27 hours'::interval), "
            + "justify_days('35 days'::interval), justify_interval('1 mon -1 hour'::interval)"));
        assertEquals("2024-01-02|01:02:03.5", db.value("select make_date(2024, 1, 2), make_time(1, 2, 3.5)"));
        fails("select make_date(2024, 2, 30)", "22008", "date field value out of range: 2024-02-30");
    }

    @Test
    void posixOffsetTimeZonesAreWestPositive() {
        db.rows("set timezone = '+05:30'");
        assertEquals("+05:30", db.value("show timezone"));
        assertEquals("2024-01-01 02:30:00-05:30", db.value("select '2024-01-01 10:00+02'::timestamptz"));
        db.rows("set timezone = 'UTC+3'");
        assertEquals("2024-01-01 05:00:00-03", db.value("select '2024-01-01 10:00+02'::timestamptz"));
    }
}
