package org.tuskdb.sql.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tuskdb.api.DatabaseException;

/** SQL-level PREPARE / EXECUTE / DEALLOCATE, sharing the protocol's named statements. */
class PreparedSqlTest {
    private final FakeStorage storage = new FakeStorage();
    private final SessionFixture db = new SessionFixture(SessionFixture.engineWith(storage));

    @Test
    void prepareExecuteDeallocate() {
        db.rows("create table ps_t (id int, name text)");
        db.rows("prepare ins (int, text) as insert into ps_t values ($1, $2)");
        assertEquals(List.of("PREPARE"), db.tags());
        db.rows("execute ins (1, 'one'); execute ins(2, 'two')");
        assertEquals(List.of("INSERT 0 1", "INSERT 0 1"), db.tags());
        db.rows("prepare q as select name from ps_t where id = $1");
        assertEquals(List.of("two"), db.rows("execute q(2)"));
        assertEquals(List.of("SELECT 1"), db.tags());
        assertEquals(List.of("one"), db.rows("execute q('1')"));
        db.rows("deallocate q");
        assertEquals(List.of("DEALLOCATE"), db.tags());
        db.rows("deallocate all");
        assertEquals(List.of("DEALLOCATE ALL"), db.tags());
    }

    @Test
    void errorsAsPostgreSql() {
        db.rows("prepare p1 as select 1");
        DatabaseException dup = db.error("prepare p1 as select 2");
        assertEquals("42P05", dup.sqlState());
        assertEquals("prepared statement \"p1\" already exists", dup.getMessage());
        DatabaseException missing = db.error("execute nope");
        assertEquals("26000", missing.sqlState());
        assertEquals("prepared statement \"nope\" does not exist", missing.getMessage());
        DatabaseException count = db.error("execute p1 (5)");
        assertEquals("42601", count.sqlState());
        assertEquals("Expected 0 parameters but got 1.", count.detail());
        assertEquals("26000", db.error("deallocate nope").sqlState());
        assertEquals("42601", db.error("prepare p2 as set x = 1").sqlState());
    }

    @Test
    void extendedProtocolParseOfPrepareIsRefused() {
        DatabaseException e = SessionFixture.error(() -> db.session.parse("s1", "prepare p3 as select 1", new int[0]));
        assertEquals("0A000", e.sqlState());
    }
}
