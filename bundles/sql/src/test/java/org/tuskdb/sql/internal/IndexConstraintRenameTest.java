package org.tuskdb.sql.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tuskdb.api.DatabaseException;

/** ALTER INDEX ... RENAME / SET, RENAME CONSTRAINT and ADD CONSTRAINT ... USING INDEX, as PostgreSQL 15. */
class IndexConstraintRenameTest {
    private final FakeStorage storage = new FakeStorage();
    private final SessionFixture db = new SessionFixture(SessionFixture.engineWith(storage));

    @BeforeEach
    void table() {
        db.rows("create table t (id int, code varchar(10), v int)");
        db.rows("insert into t values (1, 'a', 10), (2, 'b', 20)");
    }

    private List<String> constraints() {
        return db.rows("select conname || ':' || contype || ':' || coalesce(conindid::regclass::text, '-')"
            + " from pg_constraint where conrelid = 't'::regclass order by 1");
    }

    private List<String> relations() {
        return db.rows("select relname from pg_class where relname like 't%' order by 1");
    }

    @Test
    void alterIndexRenameRenamesTheIndexAndTheConstraintItBacks() {
        db.rows("alter table t add constraint t_pk primary key (id)");
        db.rows("alter index t_pk rename to t_pk2");
        assertEquals(List.of("ALTER INDEX"), db.tags());
        assertEquals(List.of("t_pk2:p:t_pk2"), constraints());
        db.rows("alter table t_pk2 rename to t_pk3"); // ALTER TABLE renames an index too
        assertEquals(List.of("t_pk3:p:t_pk3"), constraints());
        DatabaseException e = db.error("insert into t values (1, 'c', 30)");
        assertEquals("duplicate key value violates unique constraint \"t_pk3\"", e.getMessage());
        assertEquals(List.of("1"), db.rows("select id from t where id = 1"));
    }

    @Test
    void alterIndexRenameErrorsAsPostgresql() {
        db.rows("create index t_v on t (v)");
        DatabaseException e = db.error("alter index nosuch rename to x");
        assertEquals("42P01", e.sqlState());
        assertEquals("relation \"nosuch\" does not exist", e.getMessage());
        db.rows("alter index if exists nosuch rename to x");
        assertEquals("relation \"nosuch\" does not exist, skipping", db.sink.notices.get(0).getMessage());
        e = db.error("alter index t_v rename to t");
        assertEquals("42P07", e.sqlState());
        assertEquals("relation \"t\" already exists", e.getMessage());
        db.rows("alter index t rename to t2"); // ALTER INDEX renames a table too
        assertEquals(List.of("t2", "t_v"), relations());
    }

    @Test
    void renameInARolledBackTransactionKeepsTheOldName() {
        db.rows("create unique index t_u on t (code)");
        db.rows("begin");
        db.rows("alter index t_u rename to t_u2");
        assertEquals(List.of("t", "t_u2"), relations());
        db.rows("rollback");
        assertEquals(List.of("t", "t_u"), relations());
        assertEquals("23505", db.error("insert into t values (3, 'a', 1)").sqlState());
    }

    @Test
    void renameConstraintRenamesItsIndexWithPostgresqlsOrderOfChecks() {
        db.rows("alter table t add constraint t_pk primary key (id)");
        db.rows("alter table t add constraint t_chk check (v > 0)");
        db.rows("create index t_v on t (v)");
        db.rows("alter table t rename constraint t_pk to t_key");
        assertEquals(List.of("t", "t_key", "t_v"), relations());
        DatabaseException e = db.error("alter table t rename constraint nosuch to x");
        assertEquals("42704", e.sqlState());
        assertEquals("constraint \"nosuch\" for table \"t\" does not exist", e.getMessage());
        e = db.error("alter table t rename constraint t_chk to t_key");
        assertEquals("42710", e.sqlState());
        assertEquals("constraint \"t_key\" for relation \"t\" already exists", e.getMessage());
        db.rows("alter table t rename constraint t_chk to t_v"); // a CHECK has no index: the name is free for it
        e = db.error("alter table t rename constraint t_key to t_v"); // the index's name is taken first
        assertEquals("42P07", e.sqlState());
        assertEquals(List.of("t_key:p:t_key", "t_v:c:-"), constraints());
        assertEquals("23514", db.error("insert into t values (5, 'x', -1)").sqlState());
        db.rows("alter table if exists nosuch rename constraint a to b");
        assertEquals("relation \"nosuch\" does not exist, skipping", db.sink.notices.get(0).getMessage());
    }

    @Test
    void addUniqueUsingIndexTakesTheIndexAndRenamesItWithANotice() {
        db.rows("create unique index t_u on t (code)");
        db.rows("alter table t add constraint t_uq unique using index t_u");
        assertEquals("ALTER TABLE / ADD CONSTRAINT USING INDEX will rename index \"t_u\" to \"t_uq\"",
            db.sink.notices.get(0).getMessage());
        assertEquals(List.of("t_uq:u:t_uq"), constraints());
        assertEquals("UNIQUE (code)", db.value("select pg_get_constraintdef(oid) from pg_constraint where conname = 't_uq'"));
        DatabaseException e = db.error("alter table t add unique using index t_uq");
        assertEquals("55000", e.sqlState());
        assertEquals("index \"t_uq\" is already associated with a constraint", e.getMessage());
        db.rows("alter table t drop constraint t_uq"); // the constraint's index goes with it
        assertEquals(List.of("t"), relations());
    }

    @Test
    void addPrimaryKeyUsingIndexMakesTheColumnsNotNull() {
        db.rows("create unique index t_v on t (v)");
        db.rows("insert into t values (3, 'c', null)");
        DatabaseException e = db.error("alter table t add primary key using index t_v");
        assertEquals("23502", e.sqlState());
        assertEquals("column \"v\" of relation \"t\" contains null values", e.getMessage());
        db.rows("delete from t where v is null");
        db.rows("alter table t add primary key using index t_v");
        assertEquals(List.of("t_v:p:t_v"), constraints());
        assertEquals("t", db.value("select attnotnull from pg_attribute where attrelid = 't'::regclass and attname = 'v'"));
        assertEquals("t", db.value("select indisprimary from pg_index where indexrelid = 't_v'::regclass"));
        assertEquals("23502", db.error("insert into t values (4, 'd', null)").sqlState());
        db.rows("create unique index t_id on t (id)");
        e = db.error("alter table t add primary key using index t_id");
        assertEquals("42P16", e.sqlState());
        assertEquals("multiple primary keys for table \"t\" are not allowed", e.getMessage());
    }

    @Test
    void usingIndexRefusesIndexesAConstraintCannotUse() {
        db.rows("create index t_plain on t (v)");
        db.rows("create unique index t_part on t (v) where v > 1");
        db.rows("create unique index t_expr on t (lower(code))");
        db.rows("create unique index t_desc on t (v desc)");
        db.rows("create table t2 (a int)");
        db.rows("create unique index t2_a on t2 (a)");
        DatabaseException e = db.error("alter table t add unique using index t_plain");
        assertEquals("42809", e.sqlState());
        assertEquals("\"t_plain\" is not a unique index", e.getMessage());
        assertEquals("Cannot create a primary key or unique constraint using such an index.", e.detail());
        assertEquals(19, e.position());
        assertEquals("\"t_part\" is a partial index", db.error("alter table t add unique using index t_part").getMessage());
        assertEquals("index \"t_expr\" contains expressions",
            db.error("alter table t add unique using index t_expr").getMessage());
        e = db.error("alter table t add constraint c unique using index t_desc");
        assertEquals("index \"t_desc\" column number 1 does not have default sorting behavior", e.getMessage());
        assertEquals(19, e.position());
        e = db.error("alter table t add unique using index nosuch");
        assertEquals("42704", e.sqlState());
        assertEquals("index \"nosuch\" does not exist", e.getMessage());
        e = db.error("alter table t add unique using index t2_a");
        assertEquals("55000", e.sqlState());
        assertEquals("index \"t2_a\" does not belong to table \"t\"", e.getMessage());
        assertEquals(List.of(), constraints());
    }

    @Test
    void alterIndexSetAndResetFillfactor() {
        db.rows("create index t_v on t (v)");
        db.rows("alter index t_v set (fillfactor = 70)");
        assertEquals("{fillfactor=70}", db.value("select reloptions from pg_class where relname = 't_v'"));
        DatabaseException e = db.error("alter index t_v set (fillfactor = 5)");
        assertEquals("22023", e.sqlState());
        assertEquals("value 5 out of bounds for option \"fillfactor\"", e.getMessage());
        assertEquals("unrecognized parameter \"foo\"", db.error("alter index t_v set (foo = 1)").getMessage());
        assertEquals("\"t\" is not an index", db.error("alter index t set (fillfactor = 50)").getMessage());
        db.rows("alter index t_v reset (fillfactor)");
        assertEquals("", db.value("select coalesce(reloptions::text, '') from pg_class where relname = 't_v'"));
    }
}
