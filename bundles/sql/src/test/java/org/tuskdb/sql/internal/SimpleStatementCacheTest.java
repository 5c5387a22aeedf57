package org.tuskdb.sql.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tuskdb.api.DatabaseException;
import org.tuskdb.sql.internal.parser.Lexer;
import org.tuskdb.sql.internal.parser.StatementShape;
import org.tuskdb.sql.internal.session.Session;

/**
 * The simple-Query statement cache: a statement that differs from an earlier one only in its
 * literals runs the earlier one's analysis and cached plan with the literals as parameters —
 * and nothing a client sees changes: rows, column names and types, tags, errors and positions.
 */
class SimpleStatementCacheTest {
    private final FakeStorage storage = new FakeStorage();
    private final SessionFixture db = new SessionFixture(SessionFixture.engineWith(storage));
    private Session session;

    @BeforeEach
    void table() {
        session = (Session) db.session;
        db.rows("create table acc (aid int primary key, bal int, name text, code varchar(3), big bigint)");
        db.rows("insert into acc select g, g * 10, 'n' || g, 'c' || (g % 10), g from generate_series(1, 100) g");
    }

    private long hits() {
        return session.simpleCacheHits();
    }

    /** Runs the statement and tells whether it came from the cache. */
    private boolean hit(String sql) {
        long before = hits();
        db.rows(sql);
        return hits() > before;
    }

    private void seenTwice(String sql) {
        db.rows(sql);
        db.rows(sql);
    }

    @Test
    void aPointLookupWithOtherValuesHitsFromTheThirdTime() {
        assertEquals("10", db.value("select bal from acc where aid = 1"));
        assertEquals("20", db.value("SELECT bal FROM acc WHERE aid = 2;"));
        long before = hits();
        for (int i = 3; i <= 20; i++) {
            assertEquals(String.valueOf(i * 10), db.value("select bal from acc where aid = " + i));
            assertEquals(List.of("SELECT 1"), db.tags());
            assertEquals(List.of("bal"), db.sink.columnNames());
        }
        assertEquals(before + 18, hits());
    }

    @Test
    void insertUpdateDeleteHitWithTheirTags() {
        for (int i = 0; i < 4; i++) {
            db.rows("insert into acc values (" + (200 + i) + ", " + i + ", 'x" + i + "', 'ab', " + (1L << 40) + ")");
            assertEquals(List.of("INSERT 0 1"), db.tags());
            db.rows("update acc set bal = bal + -" + (i + 5) + " where aid = " + (200 + i));
            assertEquals(List.of("UPDATE 1"), db.tags());
        }
        assertEquals(List.of("200|-5|x0|ab|1099511627776", "203|-5|x3|ab|1099511627776"),
            db.rows("select * from acc where aid in (200, 203) order by aid"));
        for (int i = 0; i < 3; i++) {
            assertEquals(i >= 2, hit("delete from acc where aid = " + (200 + i)));
            assertEquals(List.of("DELETE 1"), db.tags());
        }
        assertEquals("1", db.value("select count(*) from acc where aid >= 200"));
    }

    private static String key(String sql) {
        StatementShape shape = StatementShape.of(Lexer.tokenize(sql));
        return shape == null ? null : shape.key();
    }

    @Test
    void theKeyIgnoresValuesSpacingCaseAndATrailingSemicolonButNotKinds() {
        String k = key("select bal from acc where aid = 1");
        assertEquals(k, key("SELECT  bal\nFROM acc /* c */ WHERE aid = 99999;"));
        assertEquals(k, key("select bal from acc where aid = -5"));
        assertNotEquals(k, key("select bal from acc where aid = 3000000000"));
        assertNotEquals(k, key("select bal from acc where aid = 1.5"));
        assertNotEquals(k, key("select bal from acc where aid = '1'"));
        assertNotEquals(k, key("select bal from \"acc\" where aid = 1"));
        // a binary minus stays an operator; a typed literal's string stays in the key
        assertNotEquals(key("select aid - 1 from acc"), key("select aid + 1 from acc"));
        assertNotEquals(key("select date '2020-01-01'"), key("select date '2020-01-02'"));
        assertEquals(key("select '2020-01-01'::date"), key("select '2020-01-02'::date"));
        assertNull(key("select 1; select 2"));
        assertNull(key("set work_mem = '64MB'"));
        assertNull(key("explain select 1"));
        assertNull(key("select $1"));
    }

    @Test
    void literalKindsArePartOfTheKey() {
        seenTwice("select pg_typeof(5), 5 + 1");
        assertEquals("integer|8", db.value("select pg_typeof(7), 7 + 1"));
        assertEquals(true, hit("select pg_typeof(9), 9 + 1"));
        // int8 and numeric by magnitude, numeric for a decimal: another shape each
        assertEquals("bigint|3000000001", db.value("select pg_typeof(3000000000), 3000000000 + 1"));
        assertEquals("numeric|10000000000000000000001",
            db.value("select pg_typeof(10000000000000000000000), 10000000000000000000000 + 1"));
        assertEquals("numeric|2.5", db.value("select pg_typeof(1.5), 1.5 + 1"));
        // a negated literal is one constant: -2147483648 is an int4
        seenTwice("select pg_typeof(-5), -5");
        assertEquals("integer|-2147483648", db.value("select pg_typeof(-2147483648), -2147483648"));
        assertEquals("bigint|-2147483649", db.value("select pg_typeof(-2147483649), -2147483649"));
    }

    @Test
    void anUnknownStringTakesItsTypeFromItsContext() {
        seenTwice("select aid from acc where name = 'n5'");
        assertEquals(true, hit("select aid from acc where name = 'n6'"));
        assertEquals("6", db.value("select aid from acc where name = 'n6'"));
        seenTwice("select name from acc where aid = '7'");
        assertEquals("n8", db.value("select name from acc where aid = '8'"));
        seenTwice("select 'a' || name from acc where aid = 1");
        assertEquals(true, hit("select 'b' || name from acc where aid = 1"));
        assertEquals("bn1", db.value("select 'b' || name from acc where aid = 1"));
    }

    @Test
    void aStringWithoutContextStaysALiteral() {
        seenTwice("select 'abc'");
        assertEquals("abc", db.value("select 'abc'"));
        assertEquals(25, db.sink.descriptions.get(0).get(0).typeOid());
        assertEquals("xyz", db.value("select 'xyz'"));
        seenTwice("select 'abc' as l, bal from acc where aid = 3");
        assertEquals(true, hit("select 'abc' as l, bal from acc where aid = 4"));
        assertEquals("abc|40", db.value("select 'abc' as l, bal from acc where aid = 4"));
        assertEquals("q|50", db.value("select 'q' as l, bal from acc where aid = 5"));
    }

    @Test
    void errorsOfTheLiteralsAreTheOrdinaryOnes() {
        seenTwice("select name from acc where aid = '1'");
        DatabaseException e = db.error("select name from acc where aid = 'abc'");
        assertEquals("22P02", e.sqlState());
        assertEquals("invalid input syntax for type integer: \"abc\"", e.getMessage());
        assertEquals(34, e.position());
        assertEquals("22003", db.error("select name from acc where aid = '99999999999'").sqlState());
        assertEquals("n2", db.value("select name from acc where aid = '2'"));
        db.rows("insert into acc (aid, code) values (300, 'abc')");
        db.rows("insert into acc (aid, code) values (302, 'abc')");
        e = db.error("insert into acc (aid, code) values (301, 'abcd')");
        assertEquals("22001", e.sqlState());
        assertEquals("value too long for type character varying(3)", e.getMessage());
    }

    @Test
    void anExecutionErrorKeepsItsPositionInTheStatementThatRan() {
        seenTwice("select 1 / bal from acc where aid = 1");
        assertEquals("22012", db.error("select 1 / (bal - 20) from acc where aid = 2").sqlState());
        seenTwice("select aid from acc where aid = 1 and 'acc'::regclass is not null");
        DatabaseException e = db.error("select aid from acc where aid = 100000 and 'nope'::regclass is not null");
        assertEquals("42P01", e.sqlState());
        assertEquals(44, e.position());
    }

    @Test
    void typedLiteralsTypmodsOrdinalsAndLimitsStayLiterals() {
        seenTwice("select aid, interval '1 day' from acc where aid = 1");
        assertEquals("2|2 days", db.value("select aid, interval '2 days' from acc where aid = 2"));
        seenTwice("select cast(name as varchar(2)) from acc where aid = 11");
        assertEquals("n1", db.value("select cast(name as varchar(2)) from acc where aid = 12"));
        assertEquals("n12", db.value("select cast(name as varchar(3)) from acc where aid = 12"));
        seenTwice("select aid, bal from acc where aid < 4 order by 1 desc");
        assertEquals(List.of("3|30", "2|20", "1|10"), db.rows("select aid, bal from acc where aid < 4 order by 1 desc"));
        assertEquals(List.of("1|10", "2|20"), db.rows("select aid, bal from acc where aid < 3 order by 2"));
        seenTwice("select aid from acc order by aid limit 2");
        assertEquals(List.of("1", "2", "3"), db.rows("select aid from acc order by aid limit 3"));
        seenTwice("select aid from acc order by aid fetch first 2 rows only");
        assertEquals(List.of("1"), db.rows("select aid from acc order by aid fetch first 1 rows only"));
        seenTwice("select count(*) from acc group by bal > 5 order by 1");
        assertEquals(List.of("100"), db.rows("select count(*) from acc group by bal > 6 order by 1"));
        seenTwice("select '1'::interval hour, aid from acc where aid = 1");
        // interval input reads the qualifier: '1' is an hour here, which a parameter would not know
        assertEquals("02:00:00|1", db.value("select '2'::interval hour, aid from acc where aid = 1"));
    }

    @Test
    void aConstantExpressionFailsWhenPlannedAsWithoutTheCache() {
        for (int i = 1; i <= 10; i++) {
            assertEquals(List.of(), db.rows("select aid from acc where aid = " + (1000 + i) + " and bal > 10 / " + i));
        }
        // folded when planning, so 22012 although no row is read (a generic plan would not fail)
        assertEquals("22012", db.error("select aid from acc where aid = 100000 and bal > 10 / 0").sqlState());
        assertEquals(true, hit("select aid from acc where aid = 100001 and bal > 10 / 3"));
    }

    @Test
    void ddlBetweenTwoStatementsMakesTheEntryAnew() {
        seenTwice("select * from acc where aid = 1");
        assertEquals(true, hit("select * from acc where aid = 2"));
        db.rows("alter table acc add column extra int default 7");
        assertEquals("3|30|n3|c3|3|7", db.value("select * from acc where aid = 3"));
        assertEquals(List.of("aid", "bal", "name", "code", "big", "extra"), db.sink.columnNames());
        db.rows("alter table acc alter column name type int using 0");
        seenTwice("select aid from acc where name = '0' and aid = 1");
        DatabaseException e = db.error("select aid from acc where name = 'n1' and aid = 1");
        assertEquals("22P02", e.sqlState());
    }

    @Test
    void searchPathChangesTheTableANameMeans() {
        db.rows("create schema other");
        db.rows("create table other.acc (aid int, bal int)");
        db.rows("insert into other.acc values (1, -1), (2, -2)");
        seenTwice("select bal from acc where aid = 1");
        assertEquals(true, hit("select bal from acc where aid = 2"));
        db.rows("set search_path = other, public");
        assertEquals("-2", db.value("select bal from acc where aid = 2"));
        assertEquals("-1", db.value("select bal from acc where aid = 1"));
        db.rows("reset search_path");
        assertEquals("20", db.value("select bal from acc where aid = 2"));
    }

    @Test
    void aTableThatGrewIsPlannedAnew() {
        db.rows("create table grows (id int primary key, v int)");
        db.rows("insert into grows values (1, 1)");
        seenTwice("select v from grows where id = 1");
        long before = hits();
        for (int i = 0; i < 10; i++) {
            db.rows("select v from grows where id = 1");
        }
        assertEquals(before + 10, hits());
        db.rows("insert into grows select i, i from generate_series(2, 5000) i");
        before = hits();
        for (int i = 0; i < 70; i++) {
            assertEquals("77", db.value("select v from grows where id = 77"));
        }
        assertEquals(true, hits() - before < 70, "the entry went when the table had grown");
        before = hits();
        for (int i = 0; i < 70; i++) {
            db.rows("select v from grows where id = 78");
        }
        assertEquals(before + 70, hits(), "and is made again for the table as it is");
    }

    @Test
    void severalStatementsAndOtherKindsAreNotCached() {
        long before = hits();
        for (int i = 0; i < 4; i++) {
            db.rows("select bal from acc where aid = " + i + "; select 1");
            db.rows("explain select bal from acc where aid = " + i);
            db.rows("set work_mem = '" + (64 + i) + "MB'");
        }
        assertEquals(before, hits());
    }

    @Test
    void fiveCustomPlansThenTheGenericOne() {
        for (int i = 1; i <= 12; i++) {
            assertEquals("n" + i, db.value("select name from acc where aid = " + i));
        }
        db.rows("prepare p(int) as select name from acc where aid = $1");
        assertEquals("n5", db.value("execute p(5)"));
    }

    @Test
    void discardAllEmptiesTheCacheAndItStaysSmall() {
        for (int i = 0; i < 200; i++) {
            db.rows("select bal from acc where aid = " + i + " and bal > " + i + " and " + "aid <> " + i + " or aid = "
                + i + repeat(" or aid = 1", i % 100));
        }
        assertEquals(true, session.simpleCacheSize() <= 64);
        db.rows("discard all");
        assertEquals(0, session.simpleCacheSize());
    }

    private static String repeat(String s, int n) {
        return s.repeat(n);
    }
}
