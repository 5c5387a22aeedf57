package org.tuskdb.sql.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.tuskdb.api.DatabaseException;

/** PRIMARY KEY / UNIQUE enforcement: 23505 texts, NULLs, own and others' transactions, waiting. */
class UniqueConstraintTest {
    private final FakeStorage storage = new FakeStorage();
    private final Engine engine = SessionFixture.engineWith(storage);
    private final SessionFixture a = new SessionFixture(engine);
    private final SessionFixture b = new SessionFixture(engine);

    @Test
    void primaryKeyRejectsADuplicateWithPostgresText() {
        a.rows("create table t (id int primary key, v text)");
        a.rows("insert into t values (1, 'a')");
        DatabaseException e = a.error("insert into t values (1, 'b')");
        assertEquals("23505", e.sqlState());
        assertEquals("duplicate key value violates unique constraint \"t_pkey\"", e.getMessage());
        assertEquals("Key (id)=(1) already exists.", e.detail());
        assertEquals(List.of("1|a"), a.rows("select * from t"));
        assertEquals("23502", a.error("insert into t values (null, 'n')").sqlState(), "PRIMARY KEY implies NOT NULL");
    }

    @Test
    void multiColumnUniqueAndNulls() {
        a.rows("create table t (a int, b text, unique (a, b))");
        a.rows("insert into t values (1, 'x'), (1, 'y'), (1, null), (1, null), (null, null)");
        DatabaseException e = a.error("insert into t values (1, 'x')");
        assertEquals("duplicate key value violates unique constraint \"t_a_b_key\"", e.getMessage());
        assertEquals("Key (a, b)=(1, x) already exists.", e.detail());
        assertEquals("5", a.value("select count(*) from t"));
    }

    @Test
    void duplicateWithinOneStatementAndUpdates() {
        a.rows("create table t (id int primary key)");
        assertEquals("23505", a.error("insert into t values (1), (1)").sqlState());
        assertEquals("0", a.value("select count(*) from t"));
        a.rows("insert into t values (1), (2)");
        a.rows("update t set id = id where id = 1");
        assertEquals(List.of("UPDATE 1"), a.tags());
        DatabaseException e = a.error("update t set id = 2 where id = 1");
        assertEquals("Key (id)=(2) already exists.", e.detail());
        a.rows("delete from t where id = 2");
        a.rows("update t set id = 2 where id = 1");
        assertEquals("2", a.value("select id from t"));
        a.rows("insert into t values (1)");
        assertEquals(List.of("1", "2"), a.rows("select id from t order by id"));
    }

    @Test
    void deletedInOwnTransactionAndRolledBackInsertsDoNotConflict() {
        a.rows("create table t (id int primary key)");
        a.rows("insert into t values (1)");
        a.rows("begin");
        a.rows("delete from t where id = 1");
        a.rows("insert into t values (1)");
        a.rows("rollback");
        a.rows("begin");
        a.rows("insert into t values (5)");
        a.rows("rollback");
        a.rows("insert into t values (5)");
        assertEquals(List.of("1", "5"), a.rows("select id from t order by id"));
    }

    @Test
    void savepointRollbackForgetsTheFailedInsert() {
        a.rows("create table t (id int primary key)");
        a.rows("begin");
        a.rows("insert into t values (1)");
        a.rows("savepoint s");
        a.error("insert into t values (1)");
        a.rows("rollback to s");
        a.rows("insert into t values (2)");
        a.rows("commit");
        assertEquals(List.of("1", "2"), a.rows("select id from t order by id"));
    }

    @Test
    void concurrentInserterWaitsAndFailsWhenTheFirstCommits() throws Exception {
        a.rows("create table t (id int primary key)");
        a.rows("begin");
        a.rows("insert into t values (1)");
        CompletableFuture<String> other = CompletableFuture.supplyAsync(() -> {
            try {
                b.rows("insert into t values (1)");
                return "inserted";
            } catch (DatabaseException e) {
                return e.sqlState() + " " + e.detail();
            }
        });
        Thread.sleep(150);
        assertFalse(other.isDone(), "the second inserter waits for the first transaction");
        a.rows("commit");
        assertEquals("23505 Key (id)=(1) already exists.", other.get(5, TimeUnit.SECONDS));
    }

    @Test
    void concurrentInserterWaitsAndSucceedsWhenTheFirstAborts() throws Exception {
        a.rows("create table t (id int primary key)");
        a.rows("begin");
        a.rows("insert into t values (1)");
        CompletableFuture<String> other = CompletableFuture.supplyAsync(() -> {
            b.rows("insert into t values (1)");
            return b.sink.tags.get(0);
        });
        Thread.sleep(150);
        assertFalse(other.isDone());
        a.rows("rollback");
        assertEquals("INSERT 0 1", other.get(5, TimeUnit.SECONDS));
        assertTrue(storage.indexes.waits > 0);
        assertEquals("1", a.value("select count(*) from t"));
    }

    @Test
    void concurrentDeleterIsWaitedFor() throws Exception {
        a.rows("create table t (id int primary key)");
        a.rows("insert into t values (1)");
        a.rows("begin");
        a.rows("delete from t where id = 1");
        CompletableFuture<String> other = CompletableFuture.supplyAsync(() -> {
            b.rows("insert into t values (1)");
            return b.sink.tags.get(0);
        });
        Thread.sleep(150);
        assertFalse(other.isDone());
        a.rows("commit");
        assertEquals("INSERT 0 1", other.get(5, TimeUnit.SECONDS));
    }

    @Test
    void uniqueBuildOverDuplicatesFails() {
        a.rows("create table t (a int, b int)");
        a.rows("insert into t values (1, 1), (1, 2), (null, 3), (null, 4)");
        DatabaseException e = a.error("create unique index i on t (a)");
        assertEquals("23505", e.sqlState());
        assertEquals("could not create unique index \"i\"", e.getMessage());
        assertEquals("Key (a)=(1) is duplicated.", e.detail());
        a.rows("create unique index i on t (b)");
        assertEquals("23505", a.error("insert into t values (9, 4)").sqlState());
        a.rows("delete from t where b = 2");
        a.rows("create unique index j on t (a)");
        assertEquals("duplicate key value violates unique constraint \"j\"",
            a.error("insert into t values (1, 7)").getMessage());
    }

    @Test
    void aPreparedInsertSeesAnIndexCreatedLaterByAnotherSession() {
        a.rows("create table t (id int, v text)");
        a.session.parse("ins", "insert into t values ($1, 'x')", new int[] {23});
        a.session.sync();
        a.session.bind("", "ins", null, new byte[][] {"1".getBytes(java.nio.charset.StandardCharsets.UTF_8)}, null);
        a.session.execute("", 0, a.sink);
        a.session.sync();
        b.rows("create unique index t_id on t (id)");
        a.sink.clear();
        a.session.bind("", "ins", null, new byte[][] {"2".getBytes(java.nio.charset.StandardCharsets.UTF_8)}, null);
        a.session.execute("", 0, a.sink);
        a.session.sync();
        assertEquals("1", b.value("select count(*) from t where id = 2"));
        DatabaseException e = SessionFixture.error(() -> {
            a.session.bind("", "ins", null, new byte[][] {"2".getBytes(java.nio.charset.StandardCharsets.UTF_8)}, null);
            a.session.execute("", 0, a.sink);
        });
        a.session.sync();
        assertEquals("23505", e.sqlState());
    }

    @Test
    void indexCreatedEarlierInTheSameTransactionIsMaintained() {
        a.rows("begin");
        a.rows("create table t (id int)");
        a.rows("insert into t values (1)");
        a.rows("create unique index on t (id)");
        assertEquals("23505", a.error("insert into t values (1)").sqlState());
        a.rows("rollback");
    }
}
