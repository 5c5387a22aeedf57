package org.tuskdb.sql.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tuskdb.api.DatabaseException;

/** Integer widths, floats, numeric typmods and char/varchar lengths, checked against PostgreSQL 15's output. */
class IntegerTypesTest {
    private final FakeStorage storage = new FakeStorage();
    private final SessionFixture db = new SessionFixture(SessionFixture.engineWith(storage));

    private void fails(String sql, String state, String message, int position) {
        DatabaseException e = db.error(sql);
        assertEquals(state, e.sqlState(), sql);
        assertEquals(message, e.getMessage(), sql);
        assertEquals(position, e.position(), sql);
    }

    @Test
    void integerOverflowIs22003PerWidth() {
        fails("select 32767::smallint + 1::smallint", "22003", "smallint out of range", 0);
        fails("select 2147483647 + 1", "22003", "integer out of range", 0);
        fails("select 9223372036854775807 + 1", "22003", "bigint out of range", 0);
        fails("select '40000'::smallint", "22003", "value \"40000\" is out of range for type smallint", 8);
        fails("select 1e10::int", "22003", "integer out of range", 0);
    }

    @Test
    void integerTextInputAsPostgresqlReadsIt() {
        assertEquals("12|7|-9223372036854775808|42|7|4294967295",
            db.value("select ' 12 '::int, '+7'::int2, '-9223372036854775808'::int8, E'\\t42\\n'::int8, '007'::int, '-1'::oid"));
        fails("select ''::int", "22P02", "invalid input syntax for type integer: \"\"", 8);
        fails("select '1 2'::int", "22P02", "invalid input syntax for type integer: \"1 2\"", 8);
        fails("select '+'::int", "22P02", "invalid input syntax for type integer: \"+\"", 8);
        fails("select '12a'::int8", "22P02", "invalid input syntax for type bigint: \"12a\"", 8);
        fails("select '\uff11\uff12'::int", "22P02", "invalid input syntax for type integer: \"\uff11\uff12\"", 8);
        fails("select '9223372036854775808'::int8", "22003", "value \"9223372036854775808\" is out of range for type bigint", 8);
        fails("select '99999999999999999999'::int", "22003", "value \"99999999999999999999\" is out of range for type integer", 8);
        fails("select '4294967296'::oid", "22003", "value \"4294967296\" is out of range for type oid", 8);
    }

    @Test
    void floatsAndNumericRounding() {
        assertEquals("1.5|1.1|3.1415927", db.value("select 1.5::real, 1.1::double precision, 3.14159265358979::real"));
        assertEquals("3|4|-3", db.value("select 2.5::int, 3.5::int, (-2.5)::int"));
        assertEquals("2|4", db.value("select 2.5::float8::int, 3.5::float8::int"));
        assertEquals("12.35|123.5", db.value("select 12.345::numeric(5,2), 123.456::numeric(10,1)"));
        fails("select 123.45::numeric(4,2)", "22003", "numeric field overflow", 0);
    }

    @Test
    void charPaddingAndVarcharLengthErrors() {
        assertEquals("abx|2|t|5", db.value("select 'ab'::char(5) || 'x', length('ab '::char(5)), "
            + "'ab'::char(5) = 'ab   '::char(5), octet_length('ab'::char(5))"));
        assertEquals("abcde|abc|abc", db.value("select 'abcdefg'::varchar(5), 'abc  '::varchar(3), 'abcdefg'::char(3)"));
        db.rows("create table t (a varchar(5), b char(3), c numeric(5,2))");
        // the length check is a run-time coercion: no position, as in PostgreSQL
        fails("insert into t values ('abcdefg', 'x', 1)", "22001", "value too long for type character varying(5)", 0);
        fails("insert into t values ('abc', 'abcd', 1)", "22001", "value too long for type character(3)", 0);
        fails("insert into t values ('abc', 'ab', 1234.567)", "22003", "numeric field overflow", 0);
        db.rows("insert into t values ('ab   ', 'x', 123.455)");
        assertEquals(List.of("ab   |x  |x|123.46"), db.rows("select a, b, b || '', c from t"));
    }
}
