package org.tuskdb.sql.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tuskdb.api.DatabaseException;

/** LATERAL derived tables and functions in FROM; expected results and messages are PostgreSQL 15's. */
class LateralTest {
    private final FakeStorage storage = new FakeStorage();
    private final SessionFixture db = new SessionFixture(SessionFixture.engineWith(storage));

    @BeforeEach
    void tables() {
        db.rows("create table u (id int, name text, tags int[])");
        db.rows("create table o (id int, uid int, amount int, placed int)");
        db.rows("insert into u values (1, 'ann', '{1,2}'), (2, 'bob', '{}'), (3, 'cid', null)");
        db.rows("insert into o values (10, 1, 5, 100), (11, 1, 7, 101), (12, 1, 3, 102), (13, 2, 9, 100)");
    }

    @Test
    void lateralSubqueryRunsPerRowOfTheItemsBeforeIt() {
        assertEquals(List.of("ann|12", "bob|13"), db.rows("select u.name, s.id from u, lateral (select o.id from o"
            + " where o.uid = u.id order by o.placed desc limit 1) s order by u.name"));
        assertEquals(List.of("ann|15", "bob|9", "cid|"), db.rows("select u.name, s.total from u cross join lateral"
            + " (select sum(amount) as total from o where uid = u.id) s order by u.name"));
    }

    @Test
    void leftJoinLateralKeepsRowsWithoutMatch() {
        assertEquals(List.of("ann|12", "bob|13", "cid|"), db.rows("select u.name, s.id from u left join lateral"
            + " (select o.id from o where o.uid = u.id order by o.placed desc limit 1) s on true order by u.name"));
        assertEquals(List.of("ann|11", "bob|13"), db.rows("select u.name, s.id from u join lateral"
            + " (select o.id, o.amount from o where o.uid = u.id) s on s.amount > 6 order by 1, 2"));
    }

    @Test
    void functionsInFromAreImplicitlyLateral() {
        assertEquals(List.of("ann|1", "ann|2"), db.rows("select u.name, t from u, unnest(u.tags) t order by 1, 2"));
        assertEquals(List.of("ann|1", "ann|2", "bob|", "cid|"),
            db.rows("select u.name, t from u left join lateral unnest(u.tags) t on true order by 1, 2"));
        assertEquals(List.of("1|1", "2|1", "2|2"), db.rows("select u.id, g from u, generate_series(1, u.id) g"
            + " where u.id <= 2 order by 1, 2"));
    }

    @Test
    void referencesAFromItemMayNotMake() {
        DatabaseException e = db.error("select * from u, (select o.id from o where o.uid = u.id) s");
        assertEquals("42P01", e.sqlState());
        assertEquals("invalid reference to FROM-clause entry for table \"u\"", e.getMessage());
        assertEquals("There is an entry for table \"u\", but it cannot be referenced from this part of the query.",
            e.hint());
        assertEquals("missing FROM-clause entry for table \"u\"",
            db.error("select * from lateral (select * from o where o.uid = u.id) s, u").getMessage());
        e = db.error("select * from u right join lateral (select o.id from o where o.uid = u.id) s on true");
        assertEquals("42P10", e.sqlState());
        assertEquals("The combining JOIN type must be INNER or LEFT for a LATERAL reference.", e.detail());
        assertEquals(null, e.hint());
        assertEquals("syntax error at end of input", db.error("select * from u, lateral o").getMessage());
    }
}
