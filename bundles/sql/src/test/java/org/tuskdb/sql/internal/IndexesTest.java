package org.tuskdb.sql.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tuskdb.api.DatabaseException;

/** CREATE / DROP INDEX, the index catalog, default names, DROP TABLE / TRUNCATE of indexed tables. */
class IndexesTest {
    private final FakeStorage storage = new FakeStorage();
    private final Engine engine = SessionFixture.engineWith(storage);
    private final SessionFixture db = new SessionFixture(engine);

    @Test
    void createIndexWritesPgClassAndPgIndexAndBuildsFromExistingRows() {
        db.rows("create table t (a int, b text)");
        db.rows("insert into t values (2, 'x'), (1, 'y'), (3, null)");
        db.rows("create index on t (a)");
        assertEquals(List.of("CREATE INDEX"), db.tags());
        assertEquals("t_a_idx|i|1", db.value("select relname, relkind, relnatts from pg_class where relkind = 'i'"));
        assertEquals("1|f|f|1|0", db.value("select indnatts, indisunique, indisprimary, indkey, indoption from pg_index"));
        assertEquals(1, storage.indexes.indexes.size());
        assertEquals(3, storage.indexes.indexes.values().iterator().next().size());
        db.rows("insert into t values (4, 'z')");
        db.rows("update t set b = 'w' where a = 1");
        assertEquals(5, storage.indexes.indexes.values().iterator().next().size(), "no HOT: every version indexed");
    }

    @Test
    void defaultNamesGetNumericSuffixes() {
        db.rows("create table t (a int, b int)");
        db.rows("create index on t (a)");
        db.rows("create index on t (a)");
        db.rows("create index on t (a, b desc)");
        db.rows("create unique index named on t (b)");
        assertEquals(List.of("named", "t_a_b_idx", "t_a_idx", "t_a_idx1"),
            db.rows("select relname from pg_class where relkind = 'i' order by relname"));
        assertEquals("1 2|0 3", db.value("select indkey, indoption from pg_index where indnatts = 2"));
    }

    @Test
    void existingNameIsAnErrorOrANotice() {
        db.rows("create table t (a int)");
        db.rows("create index i on t (a)");
        DatabaseException e = db.error("create index i on t (a)");
        assertEquals("42P07", e.sqlState());
        assertEquals("relation \"i\" already exists", e.getMessage());
        db.rows("create index if not exists i on t (a)");
        assertEquals("relation \"i\" already exists, skipping", db.sink.notices.get(0).getMessage());
        assertEquals(List.of("CREATE INDEX"), db.tags());
    }

    @Test
    void errorsOfCreateIndex() {
        db.rows("create table t (a int, j json)");
        DatabaseException e = db.error("create index on t (nope)");
        assertEquals("42703", e.sqlState());
        assertEquals("column \"nope\" does not exist", e.getMessage());
        assertEquals("42P01", db.error("create index on missing (a)").sqlState());
        e = db.error("create index on t (j)");
        assertEquals("42704", e.sqlState());
        assertEquals("data type json has no default operator class for access method \"btree\"", e.getMessage());
        assertEquals("0A000", db.error("create index on t using hash (a)").sqlState());
        assertEquals("access method \"gin\" is not supported", db.error("create index on t using gin (a)").getMessage());
        assertEquals("42704", db.error("create index on t using nosuch (a)").sqlState());
    }

    @Test
    void dropIndex() {
        db.rows("create table t (a int primary key, b int)");
        db.rows("create index i on t (b)");
        db.rows("drop index i");
        assertEquals(List.of("DROP INDEX"), db.tags());
        assertEquals(List.of("t_pkey"), db.rows("select relname from pg_class where relkind = 'i'"));
        DatabaseException e = db.error("drop index i");
        assertEquals("42704", e.sqlState());
        assertEquals("index \"i\" does not exist", e.getMessage());
        db.rows("drop index if exists i");
        assertEquals("index \"i\" does not exist, skipping", db.sink.notices.get(0).getMessage());
        e = db.error("drop index t");
        assertEquals("42809", e.sqlState());
        assertEquals("\"t\" is not an index", e.getMessage());
        e = db.error("drop index t_pkey");
        assertEquals("2BP01", e.sqlState());
        assertEquals("cannot drop index t_pkey because constraint t_pkey on table t requires it", e.getMessage());
    }

    @Test
    void dropTableDropsItsIndexesAndTruncateEmptiesThem() {
        db.rows("create table t (a int primary key, b int unique)");
        db.rows("insert into t values (1, 1), (2, 2)");
        assertEquals(2, storage.indexes.indexes.size());
        db.rows("truncate t");
        assertEquals(2, storage.indexes.indexes.size());
        assertTrue(storage.indexes.indexes.values().stream().allMatch(java.util.Set::isEmpty));
        db.rows("insert into t values (1, 1)");
        assertEquals("1|1", db.value("select * from t where a = 1"));
        db.rows("drop table t");
        assertEquals(0, storage.indexes.indexes.size());
        assertEquals("0", db.value("select count(*) from pg_index"));
    }

    @Test
    void abortedCreateIndexLeavesNothing() {
        db.rows("create table t (a int)");
        db.rows("begin");
        db.rows("create index i on t (a)");
        db.rows("rollback");
        assertEquals(0, storage.indexes.indexes.size());
        assertEquals("0", db.value("select count(*) from pg_index"));
        db.rows("create index i on t (a)");
        assertEquals(1, storage.indexes.indexes.size());
    }

    @Test
    void withoutTheIndexServiceIndexDdlIsNotSupported() {
        FakeStorage bare = new FakeStorage();
        bare.withIndexes = false;
        SessionFixture s = new SessionFixture(SessionFixture.engineWith(bare));
        s.rows("create table t (a int)");
        assertEquals("0A000", s.error("create index on t (a)").sqlState());
        s.rows("insert into t values (1)");
        assertEquals("1", s.value("select a from t where a = 1"));
    }

    @Test
    void indexNamesClashWithTablesAndConstraintNamesAvoidThem() {
        db.rows("create table t (a int)");
        db.rows("create index u_pkey on t (a)");
        DatabaseException e = db.error("create table u_pkey (x int)");
        assertEquals("relation \"u_pkey\" already exists", e.getMessage());
        db.rows("create table u (id int primary key)");
        assertEquals("u_pkey1", db.value("select conname from pg_constraint where contype = 'p'"));
        assertEquals("23505", db.error("insert into u values (1), (1)").sqlState());
    }

    @Test
    void anIndexIsNoTableAndGoesWithItsSchema() {
        db.rows("create table t (id int primary key)");
        DatabaseException e = db.error("select * from t_pkey");
        assertEquals("42809", e.sqlState());
        assertEquals("\"t_pkey\" is an index", e.getMessage());
        assertEquals("42P01", db.error("select * from nothing_here").sqlState());
        e = db.error("drop table if exists t_pkey");
        assertEquals("42809", e.sqlState());
        assertEquals("\"t_pkey\" is not a table", e.getMessage());
        assertEquals("Use DROP INDEX to remove an index.", e.hint());
        db.rows("create schema s");
        db.rows("create table s.u (id int primary key, v int unique)");
        db.rows("drop schema s cascade");
        assertEquals("drop cascades to table s.u", db.sink.notices.get(0).getMessage());
        assertEquals(1, storage.indexes.indexes.size());
    }
}
