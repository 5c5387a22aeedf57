package org.tuskdb.sql.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tuskdb.api.DatabaseException;
import org.tuskdb.sql.internal.catalog.CatalogTables;

/** CREATE / INSERT / SELECT / UPDATE / DELETE / TRUNCATE / DROP on the fake storage services. */
class TablesTest {
    private final FakeStorage storage = new FakeStorage();
    private final Engine engine = SessionFixture.engineWith(storage);
    private final SessionFixture db = new SessionFixture(engine);

    @Test
    void createInsertSelect() {
        db.rows("create table t (a int not null, b text, c varchar(5) default 'x')");
        assertEquals(List.of("CREATE TABLE"), db.tags());
        db.rows("insert into t values (1, 'one', default), (2, 'two', 'yy')");
        assertEquals(List.of("INSERT 0 2"), db.tags());
        db.rows("insert into t values (4, 'four')");
        db.rows("delete from t where a = 4");
        db.rows("insert into t (b, a) values ('three', 3)");
        assertEquals(List.of("1|one|x", "2|two|yy", "3|three|x"), db.rows("select * from t order by a"));
        assertEquals(List.of("a|b|c"), List.of(String.join("|", db.sink.columnNames())));
        assertEquals("two", db.value("select t.b from t where a = 2"));
        assertEquals("2", db.value("select x.a from t x where x.c = 'yy'"));
        assertEquals(List.of("3", "2"), db.rows("select a from t order by a desc limit 2"));
    }

    @Test
    void catalogRowsAreWrittenThroughTheHeap() {
        int before = storage.heap.inserts.size();
        db.rows("create table pets (id bigint, name text)");
        List<Object> kinds = List.copyOf(storage.heap.inserts.subList(before, storage.heap.inserts.size()));
        assertEquals(1, kinds.stream().filter(l -> l.equals(CatalogTables.PG_CLASS.locator())).count());
        assertEquals(2, kinds.stream().filter(l -> l.equals(CatalogTables.PG_ATTRIBUTE.locator())).count());
        assertEquals("pets|r|2", db.value("select relname, relkind, relnatts from pg_class where relname = 'pets'"));
        assertEquals(List.of("id|20|1", "name|25|2"), db.rows("select attname, atttypid, attnum from pg_attribute a "
            + "where attrelid = " + db.value("select oid from pg_class where relname = 'pets'") + " and attnum > 0 order by attnum"));
        assertEquals(List.of("pg_catalog", "public", "information_schema"), db.rows("select nspname from pg_namespace order by oid"));
    }

    @Test
    void createExistingAndDropMissing() {
        db.rows("create table t (a int)");
        DatabaseException e = db.error("create table t (b int)");
        assertEquals("42P07", e.sqlState());
        assertEquals("relation \"t\" already exists", e.getMessage());
        db.rows("create table if not exists t (b int)");
        assertEquals("42P07", db.sink.notices.get(0).sqlState());
        assertEquals("relation \"t\" already exists, skipping", db.sink.notices.get(0).getMessage());
        db.rows("drop table if exists nope, t");
        assertEquals("table \"nope\" does not exist, skipping", db.sink.notices.get(0).getMessage());
        assertEquals("00000", db.sink.notices.get(0).sqlState());
        assertEquals(List.of("DROP TABLE"), db.tags());
        e = db.error("select * from t");
        assertEquals("42P01", e.sqlState());
        assertEquals("relation \"t\" does not exist", e.getMessage());
        assertEquals(15, e.position());
        assertEquals("table \"t\" does not exist", db.error("drop table t").getMessage());
    }

    @Test
    void dropRemovesTheFileAtCommitOnly() {
        db.rows("create table t (a int)");
        String oid = db.value("select relfilenode from pg_class where relname = 't'");
        db.rows("begin");
        db.rows("drop table t");
        assertTrue(storage.files.log.stream().noneMatch(l -> l.equals("unlink base/5/" + oid)));
        db.rows("rollback");
        assertEquals(List.of(), db.rows("select * from t"));
        db.rows("drop table t");
        assertTrue(storage.files.log.contains("unlink base/5/" + oid));
    }

    @Test
    void typeErrors() {
        db.rows("create table t (i int, s smallint, v varchar(3), n numeric(5,2), b boolean, ts timestamp, "
            + "c char(2), d double precision, nn int not null default 0)");
        DatabaseException e = db.error("insert into t (i) values ('abc')");
        assertEquals("22P02", e.sqlState());
        assertEquals("invalid input syntax for type integer: \"abc\"", e.getMessage());
        assertEquals("22003", db.error("insert into t (s) values (70000)").sqlState());
        e = db.error("insert into t (v) values ('abcd')");
        assertEquals("22001", e.sqlState());
        assertEquals("value too long for type character varying(3)", e.getMessage());
        e = db.error("insert into t (nn) values (null)");
        assertEquals("23502", e.sqlState());
        assertEquals("null value in column \"nn\" of relation \"t\" violates not-null constraint", e.getMessage());
        assertEquals("Failing row contains (null, null, null, null, null, null, null, null, null).", e.detail());
        e = db.error("insert into t (i) values ('1'::text)");
        assertEquals("42804", e.sqlState());
        db.rows("insert into t values (1, 2, 'abc', 3.14159, true, '2024-01-02 03:04:05', 'x', 1.5, default)");
        assertEquals("1|2|abc|3.14|t|2024-01-02 03:04:05|x |1.5|0", db.value("select * from t"));
    }

    @Test
    void updateAndDelete() {
        db.rows("create table acc (id int, bal int)");
        db.rows("insert into acc values (1, 10), (2, 20), (3, 30)");
        db.rows("update acc set bal = bal + 5 where id >= 2");
        assertEquals(List.of("UPDATE 2"), db.tags());
        assertEquals(List.of("1|10", "2|25", "3|35"), db.rows("select * from acc order by id"));
        db.rows("delete from acc where bal > 30");
        assertEquals(List.of("DELETE 1"), db.tags());
        assertEquals(List.of("1|10", "2|25"), db.rows("select * from acc order by id"));
        assertEquals(List.of("2|0"), db.rows("update acc set bal = 0 where id = 2 returning id, bal"));
        assertEquals(List.of("UPDATE 1"), db.tags());
        db.rows("truncate table acc");
        assertEquals(List.of("TRUNCATE TABLE"), db.tags());
        assertEquals(List.of(), db.rows("select * from acc"));
        db.rows("insert into acc values (9, 9)");
        assertEquals("9|9", db.value("select * from acc"));
    }

    @Test
    void insertSelectAndReturning() {
        db.rows("create table a (x int, y text default 'd')");
        db.rows("insert into a (x) select 1");
        assertEquals(List.of("INSERT 0 1"), db.tags());
        assertEquals(List.of("2|d"), db.rows("insert into a (x) values (2) returning *"));
        db.rows("create table b (x bigint, y text)");
        db.rows("insert into b select x, y from a where x > 0");
        assertEquals(List.of("INSERT 0 2"), db.tags());
        assertEquals(List.of("1|d", "2|d"), db.rows("select * from b order by x"));
    }

    @Test
    void transactionsAndSavepoints() {
        db.rows("create table t (a int)");
        db.rows("begin");
        db.rows("insert into t values (1)");
        db.rows("savepoint s");
        db.rows("insert into t values (2)");
        db.rows("rollback to s");
        db.rows("insert into t values (3)");
        db.rows("commit");
        assertEquals(List.of("1", "3"), db.rows("select a from t order by a"));
        db.rows("begin");
        db.rows("insert into t values (4)");
        db.rows("rollback");
        assertEquals(List.of("1", "3"), db.rows("select a from t order by a"));
        db.rows("begin");
        db.error("insert into t values ('x')");
        db.rows("rollback");
        db.rows("begin");
        db.rows("create table u (a int)");
        db.rows("insert into u values (1)");
        db.rows("rollback");
        assertEquals("42P01", db.error("select * from u").sqlState());
    }

    @Test
    void readOnlyTransactionRefusesWrites() {
        db.rows("create table t (a int)");
        db.rows("begin read only");
        DatabaseException e = db.error("insert into t values (1)");
        assertEquals("25006", e.sqlState());
        assertEquals("cannot execute INSERT in a read-only transaction", e.getMessage());
        db.rows("rollback");
        db.rows("set default_transaction_read_only = on");
        assertEquals("cannot execute CREATE TABLE in a read-only transaction", db.error("create table u (a int)")
            .getMessage());
    }

    @Test
    void locksAreTakenPerStatementKind() {
        db.rows("create table t (a int)");
        long oid = Long.parseLong(db.value("select oid from pg_class where relname = 't'"));
        storage.locks.taken.clear();
        db.rows("select * from t");
        db.rows("select * from t for update");
        db.rows("insert into t values (1)");
        db.rows("truncate t");
        List<String> mine = storage.locks.taken.stream().filter(s -> s.startsWith("RELATION:" + oid + ":")).toList();
        assertEquals(List.of("RELATION:" + oid + ":AccessShareLock", "RELATION:" + oid + ":RowShareLock",
            "RELATION:" + oid + ":RowExclusiveLock", "RELATION:" + oid + ":AccessExclusiveLock"), mine);
    }

    @Test
    void otherSessionsSeeCommittedDdl() {
        SessionFixture other = new SessionFixture(engine);
        assertEquals("42P01", other.error("select * from t").sqlState());
        db.rows("create table t (a int)");
        db.rows("insert into t values (7)");
        assertEquals("7", other.value("select a from t"));
        db.rows("drop table t");
        assertEquals("42P01", other.error("select a from t").sqlState());
    }

    @Test
    void checkpointAndStatsAndFunctions() {
        db.rows("checkpoint");
        assertEquals(List.of("CHECKPOINT"), db.tags());
        assertEquals(1, storage.checkpoints);
        assertEquals("3|1|7", db.value("select checkpoints_timed, checkpoints_req, buffers_checkpoint from pg_stat_bgwriter"));
        db.rows("begin");
        String xid = db.value("select txid_current()");
        assertEquals(xid, db.value("select pg_current_xact_id()"));
        db.rows("commit");
        assertTrue(Long.parseLong(xid) >= 3);
    }

    @Test
    void tablesNeedTheStorageServices() {
        SessionFixture bare = new SessionFixture();
        DatabaseException e = bare.error("create table t (a int)");
        assertEquals("0A000", e.sqlState());
        assertEquals("tables are not available without the storage services", e.getMessage());
        assertEquals("0A000", bare.error("insert into t values (1)").sqlState());
        assertEquals("42P01", bare.error("select * from t").sqlState());
    }

    @Test
    void withFillfactorIsRecorded() {
        db.rows("create table f (a int) with (fillfactor=70)");
        assertEquals("{fillfactor=70}", db.value("select reloptions from pg_class where relname = 'f'"));
        assertEquals("22023", db.error("create table g (a int) with (fillfactor=5)").sqlState());
        assertFalse(db.rows("select relname from pg_class").contains("g"));
    }
}
