package org.tuskdb.sql.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.tuskdb.api.DatabaseException;

/** INSERT ... ON CONFLICT DO NOTHING / DO UPDATE through the unique indexes' findLive. */
class OnConflictTest {
    private final FakeStorage storage = new FakeStorage();
    private final Engine engine = SessionFixture.engineWith(storage);
    private final SessionFixture a = new SessionFixture(engine);
    private final SessionFixture b = new SessionFixture(engine);

    @Test
    void doNothingSkipsConflictingRows() {
        a.rows("create table t (id int primary key, v text unique)");
        a.rows("insert into t values (1, 'a')");
        a.rows("insert into t values (1, 'x'), (2, 'b') on conflict do nothing");
        assertEquals(List.of("INSERT 0 1"), a.tags());
        a.rows("insert into t values (3, 'a') on conflict do nothing returning id");
        assertEquals(List.of("INSERT 0 0"), a.tags());
        assertEquals("23505", a.error("insert into t values (4, 'a') on conflict (id) do nothing").sqlState());
        a.rows("insert into t values (2, 'zz') on conflict on constraint t_pkey do nothing");
        assertEquals(List.of("1|a", "2|b"), a.rows("select * from t order by id"));
    }

    @Test
    void doUpdateWithExcluded() {
        a.rows("create table t (id int primary key, n int, v text)");
        a.rows("insert into t values (1, 10, 'a')");
        assertEquals(List.of("1|11|a+b", "2|5|c"), a.rows("insert into t as x values (1, 1, 'b'), (2, 5, 'c') "
            + "on conflict (id) do update set n = x.n + excluded.n, v = x.v || '+' || excluded.v returning *"));
        assertEquals(List.of("INSERT 0 2"), a.tags());
        a.rows("insert into t values (1, 0, 'q') on conflict (id) do update set v = 'never' where t.n > 100");
        assertEquals(List.of("INSERT 0 0"), a.tags());
        assertEquals(List.of("1|11|a+b", "2|5|c"), a.rows("select * from t order by id"));
        DatabaseException e = a.error("insert into t values (3, 0, 'x'), (3, 1, 'y') on conflict (id) do update set n = 9");
        assertEquals("21000", e.sqlState());
        assertEquals("ON CONFLICT DO UPDATE command cannot affect row a second time", e.getMessage());
        a.rows("insert into t values (2, 1, 'u') on conflict (id) do update set id = 20");
        assertEquals(List.of("1", "20"), a.rows("select id from t order by id"));
    }

    @Test
    void errors() {
        a.rows("create table t (id int primary key, v text)");
        DatabaseException e = a.error("insert into t values (1, 'a') on conflict (v) do nothing");
        assertEquals("42P10", e.sqlState());
        assertEquals("there is no unique or exclusion constraint matching the ON CONFLICT specification", e.getMessage());
        e = a.error("insert into t values (1, 'a') on conflict do update set v = 'x'");
        assertEquals("42601", e.sqlState());
        assertEquals("ON CONFLICT DO UPDATE requires inference specification or constraint name", e.getMessage());
        e = a.error("insert into t values (1, 'a') on conflict on constraint nope do nothing");
        assertEquals("42704", e.sqlState());
        assertEquals("constraint \"nope\" for table \"t\" does not exist", e.getMessage());
        assertEquals("42703", a.error("insert into t values (1) on conflict (id) do update set nope = 1").sqlState());
    }

    @Test
    void waitsForAConcurrentInserterThenUpdates() throws Exception {
        a.rows("create table t (id int primary key, n int)");
        a.rows("begin");
        a.rows("insert into t values (1, 1)");
        CompletableFuture<String> other = CompletableFuture.supplyAsync(() -> {
            b.rows("insert into t values (1, 100) on conflict (id) do update set n = t.n + excluded.n");
            return b.sink.tags.get(0);
        });
        Thread.sleep(150);
        assertFalse(other.isDone());
        a.rows("commit");
        assertEquals("INSERT 0 1", other.get(5, TimeUnit.SECONDS));
        assertEquals("1|101", a.value("select * from t"));
    }
}
