package org.tuskdb.sql.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tuskdb.api.DatabaseException;

/** Scalar, EXISTS, IN, ANY / ALL and correlated subqueries; expected results are PostgreSQL 15's. */
class SubqueriesTest {
    private final FakeStorage storage = new FakeStorage();
    private final SessionFixture db = new SessionFixture(SessionFixture.engineWith(storage));

    @BeforeEach
    void tables() {
        db.rows("create table t (id int, v int)");
        db.rows("create table u (id int, w int)");
        db.rows("insert into t values (1, 10), (2, 20), (3, null), (4, 40)");
        db.rows("insert into u values (1, 100), (1, 101), (2, 200), (null, 0)");
    }

    @Test
    void correlatedScalarSubquery() {
        assertEquals(List.of("1|101", "2|200", "3|", "4|"),
            db.rows("select id, (select max(w) from u where u.id = t.id) as m from t order by id"));
        assertEquals("m", db.sink.columnNames().get(1));
    }

    @Test
    void scalarSubqueryWithTwoRowsIs21000() {
        DatabaseException e = db.error("select (select w from u)");
        assertEquals("21000", e.sqlState());
        assertEquals("more than one row returned by a subquery used as an expression", e.getMessage());
        assertEquals("42601", db.error("select (select id, w from u)").sqlState());
    }

    @Test
    void existsAndNotExists() {
        assertEquals(List.of("1", "2"), db.rows("select id from t where exists (select 1 from u where u.id = t.id) order by id"));
        assertEquals(List.of("3", "4"),
            db.rows("select id from t where not exists (select 1 from u where u.id = t.id) order by id"));
    }

    @Test
    void inAndNotInFollowNullSemantics() {
        assertEquals(List.of("1", "2"), db.rows("select id from t where id in (select id from u) order by id"));
        assertEquals(List.of(), db.rows("select id from t where id not in (select id from u) order by id"));
        assertEquals(List.of("3", "4"),
            db.rows("select id from t where id not in (select id from u where id is not null) order by id"));
        assertEquals(List.of("1|t", "2|t", "3|", "4|"), db.rows("select id, id in (select id from u) from t order by id"));
    }

    @Test
    void anyAndAll() {
        assertEquals(List.of("4"),
            db.rows("select id from t where v > all (select id * 10 from u where id is not null) order by id"));
        assertEquals(List.of("1|t", "2|t", "3|", "4|f"), db.rows("select id, v = any (select w / 10 from u) from t order by id"));
    }

    @Test
    void subqueryInTheTargetListOfAGroupedQueryReadsTheGroupKey() {
        assertEquals(List.of("1|10|2", "2|20|1", "3||0", "4|40|0"), db.rows(
            "select t.id, sum(t.v), (select count(*) from u where u.id = t.id) from t group by t.id order by 1"));
    }

    @Test
    void uncorrelatedSubqueryRunsOncePerExecution() {
        assertEquals(List.of("1", "2", "4"),
            db.rows("select id from t where v <= (select max(v) from t) and id in (select id from t) order by id"));
    }

    @Test
    void preparedStatementRerunsItsUncorrelatedSubqueryForEachExecution() {
        db.session.parse("s", "select a.id, u.w from t a join u on a.id = u.id "
            + "where u.w > (select min(w) from u where id = $1) order by 1, 2", new int[] {23});
        RecordingSink sink = new RecordingSink();
        db.session.bind("", "s", new short[0], new byte[][] {"1".getBytes()}, new short[0]);
        db.session.execute("", 0, sink);
        db.session.sync();
        assertEquals(List.of("1|101", "2|200"), sink.allRows());
        sink.clear();
        db.session.bind("", "s", new short[0], new byte[][] {"2".getBytes()}, new short[0]);
        db.session.execute("", 0, sink);
        db.session.sync();
        assertEquals(List.of(), sink.allRows());
    }
}
