package org.tuskdb.sql.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tuskdb.api.DatabaseException;

/** SQLSTATE, message and position of errors, as PostgreSQL 15 reports them for the same input. */
class ErrorsTest {
    private final SessionFixture db = new SessionFixture();

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '~', textBlock = """
        select 1 +                  ~ 42601 ~ syntax error at end of input ~ 11
        selec 1                     ~ 42601 ~ syntax error at or near "selec" ~ 1
        select 1 < 2 < 3            ~ 42601 ~ syntax error at or near "<" ~ 14
        select 123abc               ~ 42601 ~ trailing junk after numeric literal at or near "123abc" ~ 8
        select 'unterminated        ~ 42601 ~ unterminated quoted string at or near "'unterminated" ~ 8
        select 1 + true             ~ 42883 ~ operator does not exist: integer + boolean ~ 10
        select foo(1, 'a')          ~ 42883 ~ function foo(integer, unknown) does not exist ~ 8
        select lower(1)             ~ 42883 ~ function lower(integer) does not exist ~ 8
        select 'a' + 'b'            ~ 42725 ~ operator is not unique: unknown + unknown ~ 12
        select x                    ~ 42703 ~ column "x" does not exist ~ 8
        select 2147483647 + 1       ~ 22003 ~ integer out of range ~ 0
        select 32767::int2 + 1::int2 ~ 22003 ~ smallint out of range ~ 0
        select -9223372036854775808::int8 ~ 22003 ~ bigint out of range ~ 0
        select 1e308::float8 * 10   ~ 22003 ~ value out of range: overflow ~ 0
        select 1/0                  ~ 22012 ~ division by zero ~ 0
        select 1.0/0                ~ 22012 ~ division by zero ~ 0
        select 1::float8/0          ~ 22012 ~ division by zero ~ 0
        select 'a' + 1              ~ 22P02 ~ invalid input syntax for type integer: "a" ~ 8
        select '99999'::int2        ~ 22003 ~ value "99999" is out of range for type smallint ~ 8
        select '2020-13-01'::date   ~ 22008 ~ date/time field value out of range: "2020-13-01" ~ 8
        select 'a'::foo             ~ 42704 ~ type "foo" does not exist ~ 13
        select 1::timestamptz       ~ 42846 ~ cannot cast type integer to timestamp with time zone ~ 9
        select case when true then 1 else true end ~ 42804 ~ CASE types boolean and integer cannot be matched ~ 28
        select 1 where 1            ~ 42804 ~ argument of WHERE must be type boolean, not type integer ~ 16
        select (-2)^0.5             ~ 2201F ~ a negative number raised to a non-integer power yields a complex result ~ 0
        select * from nosuch        ~ 42P01 ~ relation "nosuch" does not exist ~ 15
        select t.x                  ~ 42P01 ~ missing FROM-clause entry for table "t" ~ 8
        select $1                   ~ 42P02 ~ there is no parameter $1 ~ 8
        select 1 order by 2         ~ 42P10 ~ ORDER BY position 2 is not in select list ~ 19
        show foo                    ~ 42704 ~ unrecognized configuration parameter "foo" ~ 0
        """)
    void reportsPostgreSQLErrors(String sql, String state, String message, int position) {
        DatabaseException e = db.error(sql);
        assertEquals(state, e.sqlState());
        assertEquals(message, e.getMessage());
        assertEquals(position, e.position());
    }

    @Test
    void unknownFunctionCarriesPostgreSQLHint() {
        DatabaseException e = db.error("select foo()");
        assertEquals("function foo() does not exist", e.getMessage());
        assertEquals("No function matches the given name and argument types. You might need to add explicit type casts.",
            e.hint());
    }

    @Test
    void positionsCountCharactersInTheWholeMessage() {
        DatabaseException e = db.error("select 'é'; select nope");
        assertEquals(20, e.position());
    }

    @Test
    void syntaxErrorInALaterStatementRunsNothing() {
        db.error("set work_mem = '8MB'; selec 1");
        assertEquals("4MB", db.value("show work_mem"));
    }

    @Test
    void sessionGoesOnAfterAnError() {
        db.error("select 1/0");
        assertEquals("1", db.value("select 1"));
        assertEquals('I', db.session.transactionStatus());
    }
}
