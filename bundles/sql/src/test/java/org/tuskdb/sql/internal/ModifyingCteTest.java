package org.tuskdb.sql.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tuskdb.api.DatabaseException;

/**
 * Data-modifying statements in WITH: each runs once to completion, all see one snapshot, the
 * main statement reads their RETURNING rows and gives the command tag (PostgreSQL 15's results).
 */
class ModifyingCteTest {
    private final FakeStorage storage = new FakeStorage();
    private final Engine engine = SessionFixture.engineWith(storage);
    private final SessionFixture a = new SessionFixture(engine);

    private void tables() {
        a.rows("create table a (id int, v text)");
        a.rows("create table b (id int, v text)");
        a.rows("insert into a values (1, 'x'), (2, 'y'), (3, 'z')");
    }

    @Test
    void deleteReturningFeedsAnInsert() {
        tables();
        a.rows("with moved as (delete from a where id >= 2 returning *) insert into b select * from moved");
        assertEquals(List.of("INSERT 0 2"), a.tags());
        assertEquals(List.of("1|x"), a.rows("select * from a order by id"));
        assertEquals(List.of("2|y", "3|z"), a.rows("select * from b order by id"));
    }

    @Test
    void theOuterSelectCountsTheUpdatedRowsAndGivesTheSelectTag() {
        tables();
        assertEquals(List.of("3"), a.rows("with u as (update a set v = v || '!' returning id) select count(*) from u"));
        assertEquals(List.of("SELECT 1"), a.tags());
        assertEquals(List.of("1|x!", "2|y!", "3|z!"), a.rows("select * from a order by id"));
    }

    @Test
    void theCteRunsToCompletionEvenWhenTheOuterQueryReadsNothing() {
        tables();
        assertEquals(List.of("1"), a.rows("with d as (delete from a returning id) select 1"));
        assertEquals(List.of("0"), a.rows("select count(*) from a"));
        a.rows("with i as (insert into b values (7, 'q'), (8, 'r') returning id) select * from i limit 1");
        assertEquals(List.of("2"), a.rows("select count(*) from b"));
        a.rows("with i as (insert into b values (9, 's')) select 2");
        assertEquals(List.of("3"), a.rows("select count(*) from b"));
    }

    @Test
    void theOuterQuerySeesTheTableAsItWasBefore() {
        tables();
        assertEquals(List.of("3|1"),
            a.rows("with i as (insert into a values (4, 'w') returning id) select (select count(*) from a), "
                + "(select count(*) from i)"));
        assertEquals(List.of("4"), a.rows("select count(*) from a"));
        // a CTE nothing reads runs after the main statement, as in PostgreSQL: the outer UPDATE changes the
        // row first, the CTE then finds it changed by this command and skips it
        a.rows("with u as (update a set v = 'cte' where id = 1 returning id) update a set v = 'outer' where id = 1");
        assertEquals(List.of("UPDATE 1"), a.tags());
        assertEquals("outer", a.value("select v from a where id = 1"));
        // one that is read runs first: the outer UPDATE then finds the row changed and skips it
        a.rows("with u as (update a set v = 'cte' where id = 2 returning id) update a set v = 'outer' "
            + "where id = 2 and exists (select 1 from u)");
        assertEquals(List.of("UPDATE 0"), a.tags());
        assertEquals("cte", a.value("select v from a where id = 2"));
    }

    @Test
    void severalCtesRunInOrderAndMayReadEachOther() {
        tables();
        assertEquals(List.of("2|y", "3|z"), a.rows("with d as (delete from a where id > 1 returning *), "
            + "i as (insert into b select id, v from d returning *) select * from i order by id"));
        assertEquals(List.of("2"), a.rows("select count(*) from b"));
        assertEquals(List.of("1"), a.rows("select count(*) from a"));
    }

    @Test
    void theMainStatementMayBeAnUpdateOrDeleteReadingTheCte() {
        tables();
        a.rows("insert into b values (1, 'one'), (2, 'two')");
        a.rows("with src as (delete from b where id = 1 returning id, v) update a set v = src.v from src "
            + "where a.id = src.id");
        assertEquals(List.of("UPDATE 1"), a.tags());
        assertEquals("one", a.value("select v from a where id = 1"));
        assertEquals(List.of("3"), a.rows("with gone as (select 3 as id) delete from a using gone "
            + "where a.id = gone.id returning a.id"));
        assertEquals(List.of("DELETE 1"), a.tags());
        assertEquals(List.of("4"), a.rows("with i as (insert into a values (4, 'n') returning id) "
            + "select id from i where id in (select id from i)"));
    }

    @Test
    void aParentInsertedInACteSatisfiesTheChildsForeignKey() {
        a.rows("create table p (id serial primary key, v text)");
        a.rows("create table c (id int, pid int references p)");
        assertEquals(List.of("1"), a.rows("with np as (insert into p (v) values ('a') returning id) "
            + "insert into c select 10, id from np returning pid"));
        assertEquals(List.of("INSERT 0 1"), a.tags());
        assertEquals("23503", a.error("with d as (delete from c returning pid) insert into c values (11, 99)").sqlState());
        assertEquals(List.of("1"), a.rows("select count(*) from c"));
        assertEquals(List.of("2|b"), a.rows("with i as (insert into p (v) values ('b') on conflict do nothing returning *) "
            + "select * from i"));
    }

    @Test
    void columnAliasesAndAReferenceAlias() {
        tables();
        assertEquals(List.of("1|x"), a.rows("with d(n, w) as (delete from a where id = 1 returning id, v) "
            + "select q.n, q.w from d as q"));
    }

    @Test
    void errorsAsPostgreSql() {
        tables();
        DatabaseException e = a.error("select * from (with d as (delete from a returning *) select * from d) s");
        assertEquals("0A000", e.sqlState());
        assertEquals("WITH clause containing a data-modifying statement must be at the top level", e.getMessage());
        e = a.error("with d as (delete from a) select * from d");
        assertEquals("0A000", e.sqlState());
        assertEquals("WITH query \"d\" does not have a RETURNING clause", e.getMessage());
        e = a.error("with d(x, y, z) as (delete from a returning id, v) select * from d");
        assertEquals("42P10", e.sqlState());
        assertEquals("WITH query \"d\" has 2 columns available but 3 columns specified", e.getMessage());
        // nothing was changed by the failed statements
        assertEquals(List.of("3"), a.rows("select count(*) from a"));
    }

    @Test
    void changesAreVisibleToTheNextStatementOfTheTransaction() {
        tables();
        a.rows("begin");
        a.rows("with d as (delete from a where id = 1 returning id) select count(*) from d");
        assertEquals(List.of("2"), a.rows("select count(*) from a"));
        a.rows("rollback");
        assertEquals(List.of("3"), a.rows("select count(*) from a"));
    }

    @Test
    void explainShowsTheCteAboveTheMainPlan() {
        tables();
        assertEquals(List.of("Aggregate", "  CTE u", "    ->  Update on a", "          ->  Seq Scan on a",
            "  ->  CTE Scan on u"),
            a.rows("explain (costs off) with u as (update a set v = 'q' returning id) select count(*) from u"));
        assertEquals(List.of("3"), a.rows("select count(*) from a where v <> 'q'"));
    }

    @Test
    void worksThroughTheExtendedProtocolWithParametersAndARowLimit() {
        tables();
        RecordingSink sink = new RecordingSink();
        a.session.parse("s", "with d as (delete from a where id >= $1 returning id) select id from d order by id",
            new int[] {23});
        a.session.bind("p", "s", new short[0], new byte[][] {"2".getBytes(StandardCharsets.UTF_8)}, new short[0]);
        assertTrue(a.session.execute("p", 1, sink));
        assertEquals(List.of("2"), sink.allRows());
        assertFalse(a.session.execute("p", 0, sink));
        assertEquals(List.of("2", "3"), sink.allRows());
        assertEquals(List.of("SELECT 1"), sink.tags);
        a.session.sync();
        assertEquals(List.of("1"), a.rows("select count(*) from a"));
        a.rows("prepare m(int) as with d as (delete from a where id = $1 returning *) insert into b select * from d");
        a.rows("execute m(1)");
        assertEquals(List.of("INSERT 0 1"), a.tags());
        assertEquals(List.of("1|x"), a.rows("select * from b"));
    }
}
