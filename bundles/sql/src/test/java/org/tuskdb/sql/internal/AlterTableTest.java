package org.tuskdb.sql.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tuskdb.api.DatabaseException;

/** ALTER TABLE: columns, defaults, NOT NULL, types, constraints; rewrites and checks of existing rows. */
class AlterTableTest {
    private final FakeStorage storage = new FakeStorage();
    private final Engine engine = SessionFixture.engineWith(storage);
    private final SessionFixture db = new SessionFixture(engine);

    @Test
    void addColumnFillsExistingRowsWithTheDefault() {
        db.rows("create table t (a int)");
        db.rows("insert into t values (1), (2)");
        db.rows("alter table t add column b text, add column c int default 7 not null, add d serial");
        assertEquals(List.of("1||7|1", "2||7|2"), db.rows("select * from t order by a"));
        db.rows("insert into t (a) values (3)");
        assertEquals("3||7|3", db.value("select * from t where a = 3"));
        DatabaseException e = db.error("alter table t add column e int not null");
        assertEquals("23502", e.sqlState());
        assertEquals("column \"e\" of relation \"t\" contains null values", e.getMessage());
        assertEquals("42701", db.error("alter table t add column b int").sqlState());
    }

    @Test
    void dropColumnKeepsAnAttisdroppedRowAndRewrites() {
        db.rows("create table t (a int, b text check (b <> 'x'), c int)");
        db.rows("insert into t values (1, 'one', 10)");
        String before = db.value("select relfilenode from pg_class where relname = 't'");
        db.rows("alter table t drop column b");
        assertEquals("1|10", db.value("select * from t"));
        assertEquals("........pg.dropped.2........|t", db.value("select attname, attisdropped from pg_attribute "
            + "where attisdropped"));
        assertEquals(List.of(), db.rows("select conname from pg_constraint"));
        assertEquals(false, before.equals(db.value("select relfilenode from pg_class where relname = 't'")));
        db.rows("alter table t add column d int default 4");
        assertEquals("1|10|4", db.value("select * from t"));
        assertEquals("4", db.value("select attnum from pg_attribute where attname = 'd'"));
        db.rows("alter table t add constraint d_pos check (d > 0)");
        assertEquals("{4}", db.value("select conkey from pg_constraint where conname = 'd_pos'"));
        assertEquals("23514", db.error("insert into t values (1, 1, 0)").sqlState());
    }

    @Test
    void renameColumnAndTableCarryConstraintsAlong() {
        db.rows("create table t (a int check (a > 0), b int default 1)");
        db.rows("alter table t rename column a to x");
        db.rows("alter table t rename to u");
        DatabaseException e = db.error("insert into u values (0)");
        assertEquals("new row for relation \"u\" violates check constraint \"t_a_check\"", e.getMessage());
        assertEquals("x > 0", db.value("select conbin from pg_constraint"));
        assertEquals("42P01", db.error("select * from t").sqlState());
    }

    @Test
    void setNotNullChecksExistingRowsAndAlterTypeCasts() {
        db.rows("create table t (a int, b text)");
        db.rows("insert into t values (1, null)");
        assertEquals("column \"b\" of relation \"t\" contains null values",
            db.error("alter table t alter column b set not null").getMessage());
        db.rows("alter table t alter column b set default 'd'");
        db.rows("update t set b = default");
        db.rows("alter table t alter column b set not null");
        assertEquals("23502", db.error("insert into t values (2, null)").sqlState());
        db.rows("alter table t alter column b drop not null");
        db.rows("insert into t values (2, null)");
        db.rows("alter table t alter column a type bigint");
        assertEquals("20", db.value("select atttypid from pg_attribute where attname = 'a'"));
        e42804(db.error("alter table t alter column b type int"));
        db.rows("alter table t alter column b drop default");
        db.rows("alter table t alter column b type int using length(b)");
        assertEquals(List.of("1|1", "2|"), db.rows("select * from t order by a"));
    }

    private static void e42804(DatabaseException e) {
        assertEquals("42804", e.sqlState());
        assertEquals("You might need to specify \"USING b::integer\".", e.hint());
    }

    @Test
    void addConstraintValidatesExistingRows() {
        db.rows("create table t (a int)");
        db.rows("insert into t values (5)");
        DatabaseException e = db.error("alter table t add constraint small check (a < 5)");
        assertEquals("23514", e.sqlState());
        assertEquals("check constraint \"small\" of relation \"t\" is violated by some row", e.getMessage());
        db.rows("alter table t add constraint small check (a < 10)");
        assertEquals("23514", db.error("insert into t values (10)").sqlState());
        db.rows("alter table t drop constraint small");
        db.rows("insert into t values (10)");
        assertEquals("42704", db.error("alter table t drop constraint small").sqlState());
    }

    @Test
    void alterInAnAbortedTransactionLeavesTheTableAsItWas() {
        db.rows("create table t (a int, b int)");
        db.rows("insert into t values (1, 2)");
        db.rows("begin");
        db.rows("alter table t drop column b, add column c int default 3");
        assertEquals("1|3", db.value("select * from t"));
        db.rows("rollback");
        assertEquals("1|2", db.value("select * from t"));
    }
}
