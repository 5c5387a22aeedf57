package org.tuskdb.sql.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tuskdb.api.DatabaseException;
import org.tuskdb.api.heap.RowLockMode;
import org.tuskdb.sql.internal.ast.RowLock;

/**
 * The locking clause of SELECT: OF, NOWAIT, SKIP LOCKED, several clauses (messages are
 * PostgreSQL 15's). FakeStorage's row locks never block, so the wait policies themselves are
 * checked on a real server by itests' RowLockWaitPolicyTest.
 */
class RowLockingClauseTest {
    private final FakeStorage storage = new FakeStorage();
    private final SessionFixture db = new SessionFixture(SessionFixture.engineWith(storage));

    @BeforeEach
    void table() {
        db.rows("create table jobs (id int primary key, state text)");
        db.rows("insert into jobs values (1, 'new'), (2, 'new'), (3, 'done')");
    }

    @Test
    void lockingClausesWithOfAndWaitPolicyRun() {
        assertEquals(List.of("1"), db.rows("select id from jobs where state = 'new' order by id limit 1 for update skip locked"));
        assertEquals(List.of("2"), db.rows("select id from jobs j where id = 2 for no key update of j nowait"));
        assertEquals(List.of("1", "2", "3"), db.rows("select id from jobs order by id for update of jobs for share nowait"));
    }

    @Test
    void ofMustNameAFromItemUnqualified() {
        DatabaseException e = db.error("select id from jobs j for update of jobs");
        assertEquals("42P01", e.sqlState());
        assertEquals("relation \"jobs\" in FOR UPDATE clause not found in FROM clause", e.getMessage());
        assertEquals(37, e.position());
        assertEquals("relation \"x\" in FOR KEY SHARE clause not found in FROM clause",
            db.error("select id from jobs for key share of x").getMessage());
        e = db.error("select id from jobs for share of jobs.id");
        assertEquals("42601", e.sqlState());
        assertEquals("FOR SHARE must specify unqualified relation names", e.getMessage());
    }

    @Test
    void nowaitAndSkipLockedExcludeEachOther() {
        assertEquals("syntax error at or near \"nowait\"", db.error("select id from jobs for update skip locked nowait").getMessage());
        assertEquals("syntax error at or near \"skip\"", db.error("select id from jobs for update nowait skip locked").getMessage());
    }

    @Test
    void clausesMergeToTheStrongestStrengthAndWaitPolicy() {
        RowLock a = new RowLock(RowLockMode.KEY_SHARE, RowLock.WaitPolicy.SKIP);
        RowLock b = new RowLock(RowLockMode.NO_KEY_UPDATE, RowLock.WaitPolicy.BLOCK);
        assertEquals(new RowLock(RowLockMode.NO_KEY_UPDATE, RowLock.WaitPolicy.SKIP), a.merge(b));
        assertEquals(RowLock.WaitPolicy.ERROR, a.merge(new RowLock(RowLockMode.SHARE, RowLock.WaitPolicy.ERROR)).waitPolicy());
    }

    @Test
    void lockingWithDistinctOrAggregatesHasNoPosition() {
        DatabaseException e = db.error("select distinct state from jobs for update nowait");
        assertEquals("FOR UPDATE is not allowed with DISTINCT clause", e.getMessage());
        assertEquals(0, e.position());
        assertEquals("FOR SHARE is not allowed with aggregate functions",
            db.error("select count(*) from jobs for share skip locked").getMessage());
    }

    @Test
    void lockingOverJoinsReturnsTheJoinedRows() {
        db.rows("create table queues (id int primary key, name text)");
        db.rows("insert into queues values (1, 'a'), (2, 'b')");
        db.rows("create table work (id int, job int, queue int)");
        db.rows("insert into work values (10, 1, 1), (20, 2, 2), (30, 3, 1)");
        assertEquals(List.of("1|a"), db.rows("select j.id, q.name from jobs j join work w on w.job = j.id "
            + "join queues q on q.id = w.queue where j.state = 'new' order by j.id limit 1 for update of j skip locked"));
        assertEquals(List.of("1|10", "2|20", "3|30"), db.rows("select j.id, w.id from jobs j, work w "
            + "where w.job = j.id order by j.id for no key update of j for share of w"));
        assertEquals(List.of("1|a", "3|a"), db.rows("select w.job, q.name from work w left join queues q on q.id = w.queue "
            + "where q.name = 'a' order by w.job for update of w nowait"));
        assertEquals(List.of("1", "2", "3"), db.rows("select j.id from jobs j join (select * from work) s on s.job = j.id "
            + "order by 1 for update of j"));
    }

    @Test
    void lockingTheNullableSideOrASetOperationIsRefused() {
        db.rows("create table queues (id int primary key, name text)");
        DatabaseException e = db.error("select * from jobs j left join queues q on q.id = j.id for update");
        assertEquals("0A000", e.sqlState());
        assertEquals("FOR UPDATE cannot be applied to the nullable side of an outer join", e.getMessage());
        assertEquals("FOR SHARE cannot be applied to the nullable side of an outer join",
            db.error("select * from jobs j full join queues q on q.id = j.id for share of j").getMessage());
        assertEquals(List.of(), db.rows("select * from jobs j right join queues q on q.id = j.id for update of q"));
        e = db.error("select id from jobs union select id from queues for update");
        assertEquals("0A000", e.sqlState());
        assertEquals("FOR UPDATE is not allowed with UNION/INTERSECT/EXCEPT", e.getMessage());
        assertEquals("FOR UPDATE is not allowed with window functions", db.error(
            "select sum(j.id) over () from jobs j join queues q on q.id = j.id for update").getMessage());
    }
}
