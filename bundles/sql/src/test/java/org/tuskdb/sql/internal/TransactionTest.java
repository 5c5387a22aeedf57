package org.tuskdb.sql.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tuskdb.api.DatabaseException;

/** PostgreSQL's transaction-block rules (xact.c), checked through the session. */
class TransactionTest {
    private final SessionFixture db = new SessionFixture();

    private void run(String sql) {
        db.rows(sql);
    }

    @Test
    void beginAndCommitChangeTheStatusByte() {
        assertEquals('I', db.session.transactionStatus());
        run("begin");
        assertEquals(List.of("BEGIN"), db.sink.tags);
        assertEquals('T', db.session.transactionStatus());
        run("commit");
        assertEquals(List.of("COMMIT"), db.sink.tags);
        assertEquals('I', db.session.transactionStatus());
    }

    @Test
    void beginInsideABlockWarns() {
        run("begin");
        run("begin");
        assertEquals("25001", db.sink.notices.get(0).sqlState());
        assertEquals("there is already a transaction in progress", db.sink.notices.get(0).getMessage());
        assertEquals(DatabaseException.Severity.WARNING, db.sink.notices.get(0).severity());
        assertEquals('T', db.session.transactionStatus());
    }

    @Test
    void commitOrRollbackOutsideABlockWarns() {
        run("commit");
        assertEquals("25P01", db.sink.notices.get(0).sqlState());
        assertEquals(List.of("COMMIT"), db.sink.tags);
        run("abort");
        assertEquals("there is no transaction in progress", db.sink.notices.get(0).getMessage());
        assertEquals(List.of("ROLLBACK"), db.sink.tags);
    }

    @Test
    void failedBlockRefusesEverythingButRollback() {
        run("begin");
        db.error("select 1/0");
        assertEquals('E', db.session.transactionStatus());
        DatabaseException e = db.error("select 1");
        assertEquals("25P02", e.sqlState());
        assertEquals("current transaction is aborted, commands ignored until end of transaction block", e.getMessage());
        assertEquals("25P02", db.error("select nosuchcolumn").sqlState());
        run("rollback");
        assertEquals('I', db.session.transactionStatus());
    }

    @Test
    void commitOfAFailedBlockReportsRollback() {
        run("begin");
        db.error("select 1/0");
        run("end");
        assertEquals(List.of("ROLLBACK"), db.sink.tags);
        assertEquals('I', db.session.transactionStatus());
    }

    @Test
    void rollbackToSavepointRecoversAFailedBlock() {
        run("begin; savepoint a");
        db.error("select 1/0");
        run("rollback to savepoint a");
        assertEquals(List.of("ROLLBACK"), db.sink.tags);
        assertEquals('T', db.session.transactionStatus());
        assertEquals("1", db.value("select 1"));
        run("release a");
        assertEquals(List.of("RELEASE"), db.sink.tags);
        run("commit");
    }

    @Test
    void unknownSavepointIsAnError() {
        run("begin");
        DatabaseException e = db.error("release foo");
        assertEquals("3B001", e.sqlState());
        assertEquals("savepoint \"foo\" does not exist", e.getMessage());
        run("rollback");
        assertEquals("SAVEPOINT can only be used in transaction blocks", db.error("savepoint x").getMessage());
        assertEquals("25P01", db.error("rollback to x").sqlState());
    }

    @Test
    void settingsRevertWithTheirTransaction() {
        run("begin; set work_mem = '8MB'; rollback");
        assertEquals("4MB", db.value("show work_mem"));
        run("begin; set work_mem = '8MB'; savepoint a; set work_mem = '9MB'; rollback to a");
        assertEquals("8MB", db.value("show work_mem"));
        run("commit");
        assertEquals("8MB", db.value("show work_mem"));
    }

    @Test
    void setLocalEndsWithTheTransaction() {
        run("set local work_mem = '8MB'");
        assertEquals("SET LOCAL can only be used in transaction blocks", db.sink.notices.get(0).getMessage());
        assertEquals("4MB", db.value("show work_mem"));
        run("begin; set local work_mem = '8MB'");
        assertEquals("8MB", db.value("show work_mem"));
        run("commit");
        assertEquals("4MB", db.value("show work_mem"));
    }

    @Test
    void errorInAMultiStatementQueryRollsBackTheEarlierStatements() {
        db.error("set work_mem = '8MB'; select 1/0; set work_mem = '9MB'");
        assertEquals("4MB", db.value("show work_mem"));
        assertEquals('I', db.session.transactionStatus());
    }

    @Test
    void beginInsideAMultiStatementQueryLeavesTheBlockOpen() {
        run("select 1; begin; select 2");
        assertEquals('T', db.session.transactionStatus());
        assertEquals(List.of("SELECT 1", "BEGIN", "SELECT 1"), db.sink.tags);
        run("commit");
    }

    @Test
    void nowIsFixedForTheTransaction() throws InterruptedException {
        run("begin");
        String first = db.value("select now()");
        Thread.sleep(2);
        assertEquals(first, db.value("select now()"));
        assertTrue(db.value("select statement_timestamp() > now()").equals("t"));
        run("commit");
    }

    @Test
    void transactionOptionsShowInTransactionSettings() {
        run("begin isolation level serializable, read only");
        assertEquals("serializable", db.value("show transaction_isolation"));
        assertEquals("on", db.value("show transaction_read_only"));
        run("commit");
        run("start transaction isolation level repeatable read");
        assertEquals(List.of("START TRANSACTION"), db.sink.tags);
        assertEquals("repeatable read", db.value("select current_setting('transaction_isolation')"));
        run("commit");
        assertEquals("read committed", db.value("show transaction_isolation"));
    }

    @Test
    void discardAllResetsTheSessionOutsideBlocksOnly() {
        run("set work_mem = '8MB'");
        db.session.parse("s1", "select 1", new int[0]);
        run("discard all");
        assertEquals(List.of("DISCARD ALL"), db.sink.tags);
        assertEquals("4MB", db.value("show work_mem"));
        assertEquals("26000", SessionFixture.error(() -> db.session.describeStatement("s1")).sqlState());
        run("begin");
        assertEquals("DISCARD ALL cannot run inside a transaction block", db.error("discard all").getMessage());
        run("rollback");
    }
}
