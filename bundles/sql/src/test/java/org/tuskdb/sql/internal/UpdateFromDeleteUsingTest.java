package org.tuskdb.sql.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.tuskdb.api.DatabaseException;

/** UPDATE ... FROM and DELETE ... USING: joins, RETURNING over every relation, once per target row, EvalPlanQual. */
class UpdateFromDeleteUsingTest {
    private final FakeStorage storage = new FakeStorage();
    private final Engine engine = SessionFixture.engineWith(storage);
    private final SessionFixture a = new SessionFixture(engine);
    private final SessionFixture b = new SessionFixture(engine);

    private void tables() {
        a.rows("create table t (id int, v text)");
        a.rows("create table s (tid int, w text)");
        a.rows("insert into t values (1, 'a'), (2, 'b'), (3, 'c')");
        a.rows("insert into s values (1, 'x'), (3, 'z'), (4, 'q')");
    }

    @Test
    void updateFromJoinsAndReturnsTheOtherTablesColumns() {
        tables();
        assertEquals(List.of("1|a-x|x", "3|c-z|z"),
            a.rows("update t set v = t.v || '-' || s.w from s where s.tid = t.id returning t.id, t.v, s.w"));
        assertEquals(List.of("UPDATE 2"), a.tags());
        assertEquals(List.of("1|a-x", "2|b", "3|c-z"), a.rows("select * from t order by id"));
    }

    @Test
    void aliasesAndStarCoverEveryRelation() {
        tables();
        assertEquals(List.of("1|A|1|x"), a.rows("update t as tt set v = upper(tt.v) from s ss "
            + "where ss.tid = tt.id and ss.w = 'x' returning *"));
    }

    @Test
    void aTargetRowJoinedToSeveralRowsIsUpdatedOnce() {
        tables();
        a.rows("insert into s values (1, 'y')");
        a.rows("update t set v = s.w from s where s.tid = t.id and t.id = 1");
        assertEquals(List.of("UPDATE 1"), a.tags());
        String v = a.value("select v from t where id = 1");
        assertEquals(true, v.equals("x") || v.equals("y"), v);
    }

    @Test
    void deleteUsingJoins() {
        tables();
        assertEquals(List.of("1|a|x", "3|c|z"), a.rows("delete from t using s where s.tid = t.id returning t.id, t.v, s.w"));
        assertEquals(List.of("DELETE 2"), a.tags());
        assertEquals(List.of("2|b"), a.rows("select * from t"));
        a.rows("delete from t using s, (values (2)) as v(x) where v.x = t.id");
        assertEquals(List.of("DELETE 1"), a.tags());
    }

    @Test
    void errors() {
        tables();
        DatabaseException e = a.error("update t set v = 'x' from t where true");
        assertEquals("42712", e.sqlState());
        assertEquals("table name \"t\" specified more than once", e.getMessage());
        assertEquals("42P01", a.error("update t set v = 'x' from nope").sqlState());
        assertEquals("42702", a.error("update t set v = 'x' from t as u where id = 1").sqlState());
        assertEquals("42703", a.error("delete from t using s where nope = 1").sqlState());
    }

    @Test
    void readCommittedRechecksTheJoinOnTheNewVersion() throws Exception {
        tables();
        a.rows("begin");
        a.rows("update t set id = 4 where id = 1");
        CompletableFuture<String> other = CompletableFuture.supplyAsync(() -> {
            b.rows("update t set v = s.w from s where s.tid = t.id");
            return b.sink.tags.get(0);
        });
        Thread.sleep(150);
        assertFalse(other.isDone());
        a.rows("commit");
        // the row (1,'a') became (4,'a'): re-checked against its joined row s(1,'x') it no longer qualifies
        assertEquals("UPDATE 1", other.get(5, TimeUnit.SECONDS));
        assertEquals(List.of("2|b", "3|z", "4|a"), a.rows("select * from t order by id"));
    }
}
