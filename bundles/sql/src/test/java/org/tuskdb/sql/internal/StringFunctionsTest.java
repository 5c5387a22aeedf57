package org.tuskdb.sql.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.tuskdb.api.DatabaseException;

/** format(), regular expressions, SIMILAR TO, the added math functions, to_char: PostgreSQL 15's output. */
class StringFunctionsTest {
    private final SessionFixture db = new SessionFixture();

    private void fails(String sql, String state, String message) {
        DatabaseException e = db.error(sql);
        assertEquals(state, e.sqlState(), sql);
        assertEquals(message, e.getMessage(), sql);
    }

    @Test
    void format() {
        assertEquals("1-a|\"my col\"|NULL|b a|[   ab]|[ab   ]|%|E'a\\\\b'", db.value("select format('%s-%s', 1, 'a'), "
            + "format('%I', 'my col'), format('%L', NULL), format('%2$s %1$s', 'a', 'b'), format('[%5s]', 'ab'), "
            + "format('[%-5s]', 'ab'), format('%%'), format('%L', 'a\\b')"));
        fails("select format('%s %s', 1)", "22023", "too few arguments for format()");
        fails("select format('%x', 1)", "22023", "unrecognized format() type specifier \"x\"");
        fails("select format('%I', NULL)", "22004", "null values cannot be formatted as an SQL identifier");
    }

    @Test
    void regularExpressionsAndSimilarTo() {
        assertEquals("t|t|t|f|t|t", db.value("select 'abc' ~ '^a', 'ABC' ~* 'b', 'abc' !~ 'z', 'x' !~* 'X', "
            + "'a' ~ '[[:alpha:]]', 'abc def' ~ '\\mdef'"));
        assertEquals("a-b-c|a[b]c|axc", db.value("select regexp_replace('a.b.c', '\\.', '-', 'g'), "
            + "regexp_replace('abc', '(b)', '[\\1]'), regexp_replace('aBc', 'b', 'x', 'gi')"));
        assertEquals("{oo,b}||{a,b,c}|o", db.value("select regexp_match('foo bar', '(o+) (b)'), regexp_match('abc', 'z'), "
            + "regexp_split_to_array('a1b22c', '[0-9]+'), substring('foobar' from 'o(.)b')"));
        assertEquals("t|t|t|t|f", db.value("select 'abc' similar to 'a%', 'abc' similar to '(a|b)%c', 'abc' not similar to 'b%', "
            + "'a_c' similar to 'a#_c' escape '#', 'abc' similar to 'a_'"));
        fails("select 'abc' ~ '('", "2201B", "invalid regular expression: parentheses () not balanced");
        fails("select regexp_replace('abc', 'b', 'x', 'z')", "22023", "invalid regular expression option: \"z\"");
    }

    @Test
    void mathAndToChar() {
        assertEquals("3|0|4|3|2|1.23|120|6|12", db.value("select width_bucket(5.35, 0.024, 10.06, 5), width_bucket(0, 1, 10, 3), "
            + "width_bucket(20.0::float8, 1, 10, 3), scale(1.230), min_scale(1.230), trim_scale(1.230), factorial(5), "
            + "gcd(12, 18), lcm(4, 6)"));
        assertEquals("2024-05-06 07:08:09|Mon 06 May 2024|03:08 PM", db.value("select to_char(timestamp '2024-05-06 07:08:09', "
            + "'YYYY-MM-DD HH24:MI:SS'), to_char(date '2024-05-06', 'Dy DD Mon YYYY'), to_char(timestamp '2024-05-06 15:08:09', 'HH12:MI AM')"));
        assertEquals("[ 1234.50]|[  -5]|[  .50]|[   0]|[ ###]|[1,234,567.89]|[    12]|[-0.50]|[1.5]|[  7-]", db.value(
            "select '['||to_char(1234.5, '9999.99')||']', '['||to_char(-5, '999')||']', '['||to_char(0.5, '9.99')||']', "
                + "'['||to_char(0, '999')||']', '['||to_char(12345, '999')||']', '['||to_char(1234567.891, 'FM9,999,999.00')||']', "
                + "'['||to_char(12, '9,999')||']', '['||to_char(-0.5, 'FM990.00')||']', '['||to_char(1.5, 'FM9.99')||']', "
                + "'['||to_char(-7, '999MI')||']'"));
        assertEquals("6 May 2024 at 07.123", db.value("select to_char(timestamp '2024-05-06 07:08:09.123', 'FMDD FMMonth YYYY \"at\" HH24.MS')"));
    }
}
