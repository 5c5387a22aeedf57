package org.tuskdb.sql.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The statistical, bitwise and ordered-set aggregates and the library functions of LibraryFunctions. */
class StatisticalAggregatesTest {
    private final SessionFixture db = new SessionFixture(SessionFixture.engineWith(new FakeStorage()));

    @Test
    void varianceOfIntegersIsNumericAtTheDivisionScale() {
        assertEquals("1.00000000000000000000|0.66666666666666666667|0.81649658092772603273",
            db.value("select stddev(x), var_pop(x), stddev_pop(x) from (values (1),(2),(3)) v(x)"));
        assertEquals("0|", db.value("select variance(x), stddev(y) from (values (4, 1),(4, null)) v(x, y)"));
    }

    @Test
    void floatVarianceFollowsYoungsCramer() {
        assertEquals("2.9825883613622137", db.value("select stddev(x::float8) from (values (1.5),(2.25),(7)) v(x)"));
    }

    @Test
    void regressionSkipsPairsWithANull() {
        assertEquals("1|2", db.value("select corr(y, x), regr_count(y, x) from (values (1, 2),(2, null),(3, 6)) v(x, y)"));
    }

    @Test
    void orderedSetAggregatesSeeTheirRowsInTheWithinGroupOrder() {
        db.rows("create table t (g int, x int)");
        db.rows("insert into t values (1, 1), (1, 3), (2, 5), (2, 5), (2, 6), (2, null)");
        assertEquals(List.of("1|2|1|3", "2|5|5|5"), db.rows("select g, percentile_cont(0.5) within group (order by x),"
            + " percentile_disc(0.5) within group (order by x), mode() within group (order by x desc)"
            + " from t group by g order by g"));
        assertEquals("22003", db.error("select percentile_cont(2) within group (order by x) from t").sqlState());
        assertEquals("42883", db.error("select sum(x) within group (order by x) from t").sqlState());
        assertEquals("42883", db.error("select mode(x) from t").sqlState());
    }

    @Test
    void bitwiseAggregatesKeepTheType() {
        assertEquals("8|14|6|smallint",
            db.value("select bit_and(x), bit_or(x), bit_xor(x), pg_typeof(bit_and(x)) from (values (12::int2),(10::int2)) v(x)"));
    }

    @Test
    void encodeAndDecodeRoundTrip() {
        assertEquals("\\000\\200\\377|AP8=|00ff", db.value("select encode('\\x0080ff'::bytea, 'escape'),"
            + " encode('\\x00ff'::bytea, 'base64'), encode(decode('AP8=', 'base64'), 'hex')"));
        assertEquals("22023", db.error("select decode('6', 'hex')").sqlState());
    }

    @Test
    void toNumberReadsTheFormatsDigitsAndSigns() {
        assertEquals("-12454.8|12", db.value("select to_number('12,454.8-', '99G999D9S'), to_number('1234', '99')"));
    }

    @Test
    void regexpInstrCountsCharacters() {
        assertEquals("5|3|bc", db.value("select regexp_instr('abcabc', 'b', 1, 2), regexp_instr('abc', 'b', 1, 1, 1),"
            + " regexp_substr('abcabc', 'b(c)', 1, 2)"));
    }
}
