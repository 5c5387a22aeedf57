package org.tuskdb.sql.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** ON COMMIT of temporary tables on FakeStorage (PostgreSQL 15's results; difftest ddl/temp_on_commit). */
class TempOnCommitTest {
    private final FakeStorage storage = new FakeStorage();
    private final SessionFixture db = new SessionFixture(SessionFixture.engineWith(storage));

    @Test
    void deleteRowsEmptiesTheTableAtEveryCommit() {
        db.rows("create temp table t (a int) on commit delete rows");
        db.rows("insert into t values (1)");
        assertEquals("0", db.value("select count(*) from t"));
        db.rows("begin");
        db.rows("insert into t values (1), (2)");
        assertEquals("2", db.value("select count(*) from t"));
        db.rows("commit");
        assertEquals("0", db.value("select count(*) from t"));
    }

    @Test
    void dropGoesWithTheCreatingTransactionAndOthersAreRefused() {
        db.rows("begin");
        db.rows("create temp table d on commit drop as select 1 as x");
        assertEquals("1", db.value("select x from d"));
        db.rows("commit");
        assertEquals("42P01", db.error("select * from d").sqlState());
        assertEquals("ON COMMIT can only be used on temporary tables",
            db.error("create table p (a int) on commit preserve rows").getMessage());
    }
}
