package org.tuskdb.sql.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tuskdb.api.DatabaseException;

/** COMMIT / ROLLBACK AND CHAIN: a new block with the old one's characteristics starts at once. */
class TransactionChainTest {
    private final FakeStorage storage = new FakeStorage();
    private final SessionFixture db = new SessionFixture(SessionFixture.engineWith(storage));

    @Test
    void commitAndChainKeepsIsolationAndReadOnly() {
        db.rows("begin isolation level repeatable read, read only");
        db.rows("commit and chain");
        assertEquals(List.of("COMMIT"), db.tags());
        assertEquals('T', db.session.transactionStatus());
        assertEquals("repeatable read", db.value("show transaction_isolation"));
        assertEquals("on", db.value("show transaction_read_only"));
        db.rows("rollback and chain");
        assertEquals(List.of("ROLLBACK"), db.tags());
        assertEquals('T', db.session.transactionStatus());
        assertEquals("repeatable read", db.value("show transaction_isolation"));
        db.rows("end and no chain");
        assertEquals('I', db.session.transactionStatus());
        assertEquals("read committed", db.value("show transaction_isolation"));
    }

    @Test
    void theChainedTransactionIsANewOne() {
        db.rows("create table t (id int)");
        db.rows("begin");
        db.rows("insert into t values (1)");
        db.rows("commit and chain");
        db.rows("insert into t values (2)");
        db.rows("abort and chain");
        assertEquals(List.of("1"), db.rows("select id from t"));
        db.rows("commit");
    }

    @Test
    void aFailedBlockIsRolledBackAndChained() {
        db.rows("begin");
        db.error("select 1/0");
        db.rows("commit and chain");
        assertEquals(List.of("ROLLBACK"), db.tags());
        assertEquals('T', db.session.transactionStatus());
        assertEquals(List.of("1"), db.rows("select 1"));
    }

    @Test
    void outsideABlockIs25P01() {
        DatabaseException e = db.error("commit and chain");
        assertEquals("25P01", e.sqlState());
        assertEquals("COMMIT AND CHAIN can only be used in transaction blocks", e.getMessage());
        assertEquals(DatabaseException.Severity.ERROR, e.severity());
        assertEquals("ROLLBACK AND CHAIN can only be used in transaction blocks", db.error("rollback and chain").getMessage());
        assertEquals('I', db.session.transactionStatus());
    }
}
