package org.tuskdb.sql.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Expected outputs taken from PostgreSQL 15 (psql -At, TimeZone UTC, extra_float_digits 1) for
 * the same queries: the engine must print exactly what PostgreSQL prints.
 */
class ExpressionResultsTest {
    private final SessionFixture db = new SessionFixture();

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '~', quoteCharacter = '"', textBlock = """
        select 1+1, 2*3, 7/2, 7%3, -7/2, -7%3                                 ~ 2|6|3|1|-3|-1
        select 1.0/3, 10::numeric/3, 1234567::numeric/7, 0.001::numeric/3      ~ 0.33333333333333333333|3.3333333333333333|176366.714285714286|0.00033333333333333333
        select 2^0.5, 2::numeric^10, 1.5::numeric^3, 2^3                      ~ 1.4142135623730950|1024.0000000000000000|3.3750000000000000|8
        select 1::float8/3, 1e15::float8, 123456789012345::float8, 1e-5::float8 ~ 0.3333333333333333|1e+15|123456789012345|1e-05
        select 0.1::float4, 1e6::float4, 0.1+0.2::float8, 3.0::float4/7       ~ 0.1|1e+06|0.30000000000000004|0.42857142857142855
        select 'a' || 'b', 'a' || 1, 1 || 'a', 'abc' || null is null          ~ ab|a1|1a|t
        select true and null, false and null, true or null, null or false    ~ |f|t|
        select 1 is distinct from 2, null is distinct from null, null in (1,2) ~ t|f|
        select 1 between symmetric 2 and 0, 1 not between 0 and 2, 3 not in (1,2) ~ t|f|t
        select case 2 when 1 then 'one' when 2 then 'two' end, case when false then 1 end ~ two|
        select coalesce(null, 2, 3), nullif(1,1), greatest(1,5,3), least(1, 2.5) ~ 2||5|1
        select 1.5::int4, 2.5::int4, -2.5::int4, 2.5::float8::int4, 3.5::float8::int4 ~ 2|3|-3|2|4
        select 'abc'::char(2), 'a'::char(3), 'ab'::varchar(1), 1.555::numeric(3,2) ~ ab|a  |a|1.56
        select 1::int4::bool::text, 'off'::bool, '  12  '::int2, '1e2'::numeric ~ true|f|12|100
        select '2026-11-25 10:58:00.123456+00'::timestamptz, '2026-11-25'::date ~ 2026-11-25 10:58:00.123456+00|2026-11-25
        select interval '1 year 2 months 3 days 04:05:06.5', interval '-1 day +2 hours' ~ 1 year 2 mons 3 days 04:05:06.5|-1 days +02:00:00
        select interval '1 day -2 hours', interval '0', interval '-00:00:01', interval '27 hours' ~ 1 day -02:00:00|00:00:00|-00:00:01|27:00:00
        select '1 day'::interval * 1.5, '1 mon'::interval / 3, interval '1 year' / 7 ~ 1 day 12:00:00|10 days|1 mon 21 days 10:17:08.5344
        select '2020-01-01 00:00+00'::timestamptz - '2019-01-01 05:00+00'::timestamptz ~ 364 days 19:00:00
        select '2020-01-31'::timestamptz + '1 mon', '2020-01-01'::date + 1, '4713-01-01 BC'::date ~ 2020-02-29 00:00:00+00|2020-01-02|4713-01-01 BC
        select interval '1.5 months', interval '1' hour, interval 'P1Y2M3DT4H5M6S', interval '@ 1 day ago' ~ 1 mon 15 days|01:00:00|1 year 2 mons 3 days 04:05:06|-1 days
        select length('héllo'), substr('hello', 0, 2), position('l' in 'hello'), trim('  x  ') ~ 5|h|3|x
        select round(2.5), round(1234.5678, -2), round(2.5::float8), trunc(-1.9), sqrt(2::numeric) ~ 3|1200|2|-1|1.414213562373095
        select 'abc' like 'a%', 'abc' ilike 'A_C', 'a_c' like 'a\\_c', 'a%' like 'a!%' escape '!' ~ t|t|t|t
        select pg_typeof(1), pg_typeof(3000000000), pg_typeof(1::int2+1), pg_typeof(1+1.5::float4) ~ integer|bigint|integer|double precision
        select -2147483648, 9223372036854775808, 1e3, .5, @ -3                ~ -2147483648|9223372036854775808|1000|0.5|3
        select E'\\x41\\102\\u0043', $x$nested $$ ok$x$, 'it''s', U&'\\0041'   ~ ABC|nested $$ ok|it's|A
        select extract(epoch from '2020-01-01 00:00:00+00'::timestamptz), extract(epoch from interval '1 day 1 hour') ~ 1577836800.000000|90000.000000
        select '2026-11-25 10:58:00 Europe/Berlin'::timestamptz, '2020-01-01 10:00:00+00'::timestamptz at time zone 'America/New_York' ~ 2026-11-25 09:58:00+00|2020-01-01 05:00:00
        """)
    void matchesPostgreSQL(String sql, String expected) {
        assertEquals(expected, db.value(sql));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '~', textBlock = """
        select 1, 1+1, 'a', 'a'::text, cast(1 as int8), 1::varchar, 1::float8 as x ~ ?column?|?column?|?column?|text|int8|varchar|x
        select case when true then 1 end, coalesce(1,2), nullif(1,2), greatest(1,2) ~ case|coalesce|nullif|greatest
        select 1::numeric(10,2), 1::double precision, interval '1 day', 1::char(3), now()::date ~ numeric|float8|interval|bpchar|now
        select current_user, session_user, user, current_database(), current_schema, current_timestamp ~ current_user|session_user|user|current_database|current_schema|current_timestamp
        select 1 as "A b", 2 b, trim(' x'), substring('x' from 1), extract(year from now()) ~ A b|b|btrim|substring|extract
        values (1, 'a'), (2, 'b')                                             ~ column1|column2
        """)
    void namesColumnsAsPostgreSQL(String sql, String expected) {
        db.rows(sql);
        assertEquals(expected, String.join("|", db.sink.columnNames()));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '~', textBlock = """
        select 1::float8/3, 1e15::float8, 3.0::float4/7, 100::float4/3 ~ 0.333333333333333|1e+15|0.428571428571429|33.3333333333333
        """)
    void printsFloatsWithPrintfWhenExtraFloatDigitsIsZero(String sql, String expected) {
        db.rows("set extra_float_digits = 0");
        assertEquals(expected, db.value(sql));
    }

    @org.junit.jupiter.api.Test
    void timestampsFollowTheSessionTimeZone() {
        db.rows("set timezone = 'Asia/Kolkata'");
        assertEquals("2026-11-25 16:28:00+05:30|2026-11-25 10:58:00+05:30",
            db.value("select '2026-11-25 10:58:00+00'::timestamptz, '2026-11-25 10:58:00'::timestamptz"));
        db.rows("set time zone -5");
        assertEquals("<-05>+05", db.value("show timezone"));
        assertEquals("2026-06-25 05:58:00-05", db.value("select '2026-06-25 10:58:00+00'::timestamptz"));
    }

    @org.junit.jupiter.api.Test
    void ordersDistinctsAndLimitsRows() {
        assertEquals(java.util.List.of("2", "3"), db.rows("values (3), (1), (2), (3) order by 1 limit 2 offset 1"));
        assertEquals(java.util.List.of("b|2", "a|1"), db.rows("values ('a', 1), ('b', 2) order by column2 desc"));
        assertEquals(java.util.List.of(), db.rows("select 1 where false"));
        assertEquals(java.util.List.of(), db.rows("select 3 limit 0"));
    }
}
