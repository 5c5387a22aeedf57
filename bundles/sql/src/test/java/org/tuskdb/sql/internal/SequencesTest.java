package org.tuskdb.sql.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tuskdb.api.DatabaseException;

/** CREATE / DROP SEQUENCE, nextval / currval / setval / lastval, serial and identity columns. */
class SequencesTest {
    private final FakeStorage storage = new FakeStorage();
    private final Engine engine = SessionFixture.engineWith(storage);
    private final SessionFixture db = new SessionFixture(engine);

    @Test
    void nextvalCountsFromStartByIncrement() {
        db.rows("create sequence s increment by 5 start with 10");
        assertEquals(List.of("CREATE SEQUENCE"), db.tags());
        assertEquals("10", db.value("select nextval('s')"));
        assertEquals("15", db.value("select nextval('S')"));
        assertEquals("15", db.value("select currval('public.s')"));
        assertEquals("15", db.value("select lastval()"));
        assertEquals("15|31|t", db.value("select * from s"));
        assertEquals("s|S", db.value("select relname, relkind from pg_class where relname = 's'"));
        assertEquals("10|5|1|t", db.value("select seqstart, seqincrement, seqmin, seqmax > 0 from pg_sequence"));
    }

    @Test
    void currvalAndLastvalBeforeNextvalAre55000() {
        db.rows("create sequence s");
        DatabaseException e = db.error("select currval('s')");
        assertEquals("55000", e.sqlState());
        assertEquals("currval of sequence \"s\" is not yet defined in this session", e.getMessage());
        e = db.error("select lastval()");
        assertEquals("lastval is not yet defined in this session", e.getMessage());
        assertEquals("42809", db.error("select nextval('pg_class')").sqlState());
        assertEquals("42P01", db.error("select nextval('nope')").sqlState());
    }

    @Test
    void limitsAndCycle() {
        db.rows("create sequence s maxvalue 2");
        db.rows("select nextval('s')");
        db.rows("select nextval('s')");
        DatabaseException e = db.error("select nextval('s')");
        assertEquals("2200H", e.sqlState());
        assertEquals("nextval: reached maximum value of sequence \"s\" (2)", e.getMessage());
        db.rows("create sequence d increment -1 minvalue -2 maxvalue 0 start 0");
        db.rows("select nextval('d')");
        db.rows("select nextval('d')");
        db.rows("select nextval('d')");
        assertEquals("nextval: reached minimum value of sequence \"d\" (-2)", db.error("select nextval('d')").getMessage());
        db.rows("create sequence c minvalue 1 maxvalue 3 cycle");
        List<String> got = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            got.add(db.value("select nextval('c')"));
        }
        assertEquals(List.of("1", "2", "3", "1", "2"), got);
    }

    @Test
    void invalidOptionsAreRefused() {
        assertEquals("INCREMENT must not be zero", db.error("create sequence s increment 0").getMessage());
        assertEquals("MINVALUE (5) must be less than MAXVALUE (5)",
            db.error("create sequence s minvalue 5 maxvalue 5").getMessage());
        assertEquals("START value (0) cannot be less than MINVALUE (1)", db.error("create sequence s start 0").getMessage());
        assertEquals("MAXVALUE (100000) is out of range for sequence data type smallint",
            db.error("create sequence s as smallint maxvalue 100000").getMessage());
        db.rows("create sequence s");
        assertEquals("42P07", db.error("create sequence s").sqlState());
        db.rows("create sequence if not exists s");
        assertEquals("relation \"s\" already exists, skipping", db.sink.notices.get(0).getMessage());
    }

    @Test
    void setvalDecidesTheNextValue() {
        db.rows("create sequence s maxvalue 100");
        assertEquals("50", db.value("select setval('s', 50)"));
        assertEquals("50", db.value("select currval('s')"));
        assertEquals("51", db.value("select nextval('s')"));
        db.value("select setval('s', 7, false)");
        assertEquals("7", db.value("select nextval('s')"));
        DatabaseException e = db.error("select setval('s', 101)");
        assertEquals("22003", e.sqlState());
        assertEquals("setval: value 101 is out of bounds for sequence \"s\" (1..100)", e.getMessage());
    }

    @Test
    void nextvalIsNotRolledBack() {
        db.rows("create sequence s");
        db.rows("begin");
        db.rows("select nextval('s')");
        db.rows("rollback");
        assertEquals("2", db.value("select nextval('s')"));
    }

    @Test
    void walRecordsCarryValuesAheadSoACrashNeverRepeats() {
        db.rows("create sequence s");
        int before = storage.sequences.records;
        long last = 0;
        for (int i = 0; i < 70; i++) {
            last = Long.parseLong(db.value("select nextval('s')"));
        }
        // the first call and then one in every 33 log (PostgreSQL's SEQ_LOG_VALS = 32)
        assertEquals(3, storage.sequences.records - before);
        storage.sequences.crash();
        SessionFixture after = new SessionFixture(engine);
        long next = Long.parseLong(after.value("select nextval('s')"));
        assertTrue(next > last, next + " after " + last);
    }

    @Test
    void firstNextvalAfterACheckpointIsLogged() {
        db.rows("create sequence s");
        db.value("select nextval('s')");
        int before = storage.sequences.records;
        db.value("select nextval('s')");
        assertEquals(before, storage.sequences.records);
        storage.sequences.checkpointPending = true;
        db.value("select nextval('s')");
        assertEquals(before + 1, storage.sequences.records);
    }

    @Test
    void serialColumnsOwnTheirSequence() {
        db.rows("create table t (id serial, b bigserial, v text)");
        assertEquals(List.of("t_b_seq", "t_id_seq"),
            db.rows("select relname from pg_class where relkind = 'S' order by relname"));
        db.rows("insert into t (v) values ('a'), ('b')");
        db.rows("insert into t values (default, default, 'c')");
        assertEquals(List.of("1|1|a", "2|2|b", "3|3|c"), db.rows("select * from t order by id"));
        assertEquals("3", db.value("select currval('t_id_seq')"));
        assertEquals("23502", db.error("insert into t (id, v) values (null, 'x')").sqlState());
        db.rows("drop table t");
        assertEquals(List.of(), db.rows("select relname from pg_class where relkind = 'S'"));
    }

    @Test
    void identityColumns() {
        db.rows("create table t (a int generated always as identity, b int generated by default as identity, c int)");
        db.rows("insert into t (c) values (1)");
        db.rows("insert into t (b, c) values (10, 2)");
        DatabaseException e = db.error("insert into t (a, c) values (5, 3)");
        assertEquals("428C9", e.sqlState());
        assertEquals("cannot insert a non-DEFAULT value into column \"a\"", e.getMessage());
        assertEquals("Column \"a\" is an identity column defined as GENERATED ALWAYS.", e.detail());
        assertEquals("Use OVERRIDING SYSTEM VALUE to override.", e.hint());
        db.rows("insert into t overriding system value values (50, 50, 4)");
        db.rows("insert into t overriding user value values (60, 60, 5)");
        assertEquals(List.of("1|1|1", "2|10|2", "50|50|4", "3|2|5"), db.rows("select * from t order by c"));
        e = db.error("update t set a = 7");
        assertEquals("column \"a\" can only be updated to DEFAULT", e.getMessage());
        db.rows("update t set a = default where c = 1");
        assertEquals("4", db.value("select a from t where c = 1"));
    }

    @Test
    void dropSequence() {
        db.rows("create sequence s");
        db.rows("drop sequence s");
        assertEquals(List.of("DROP SEQUENCE"), db.tags());
        assertEquals("sequence \"s\" does not exist", db.error("drop sequence s").getMessage());
        db.rows("drop sequence if exists s");
        assertEquals("sequence \"s\" does not exist, skipping", db.sink.notices.get(0).getMessage());
        db.rows("create table t (a int)");
        DatabaseException e = db.error("drop sequence t");
        assertEquals("42809", e.sqlState());
        assertEquals("\"t\" is not a sequence", e.getMessage());
        assertEquals("Use DROP TABLE to remove a table.", e.hint());
        db.rows("create sequence q");
        assertEquals("Use DROP SEQUENCE to remove a sequence.", db.error("drop table q").hint());
    }

    @Test
    void alterSequenceRestartAndTruncateRestartIdentity() {
        db.rows("create table t (id serial, b int)");
        assertEquals("public.t_id_seq", db.value("select pg_get_serial_sequence('t', 'id')"));
        assertEquals("", db.value("select pg_get_serial_sequence('t', 'b')"));
        db.rows("alter sequence t_id_seq restart with 100");
        assertEquals("100", db.value("select nextval('t_id_seq')"));
        db.rows("alter sequence t_id_seq increment by 10");
        assertEquals("110", db.value("select nextval('t_id_seq')"));
        assertEquals("10", db.value("select seqincrement from pg_sequence"));
        assertEquals("RESTART value (0) cannot be less than MINVALUE (1)",
            db.error("alter sequence t_id_seq restart with 0").getMessage());
        db.rows("insert into t (b) values (1)");
        db.rows("truncate t restart identity");
        db.rows("insert into t (b) values (2)");
        assertEquals("1|2", db.value("select * from t"));
        assertEquals("42809", db.error("alter sequence t restart").sqlState());
    }
}
