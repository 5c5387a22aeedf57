package org.tuskdb.sql.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.tuskdb.api.DatabaseException;

/**
 * DDL errors that PostgreSQL 15 reports without a position (found by the differential suite,
 * itests difftest/basics/tables.sql): psql then shows no LINE/caret lines for them.
 */
class DdlErrorPositionsTest {
    private final SessionFixture db = new SessionFixture(SessionFixture.engineWith(new FakeStorage()));

    @Test
    void duplicateColumnInCreateTableHasNoPosition() {
        DatabaseException e = db.error("create table t (id integer, id text)");
        assertEquals("42701", e.sqlState());
        assertEquals("column \"id\" specified more than once", e.getMessage());
        assertEquals(0, e.position());
    }

    @Test
    void truncateOfAMissingTableHasNoPosition() {
        DatabaseException e = db.error("truncate nope");
        assertEquals("42P01", e.sqlState());
        assertEquals("relation \"nope\" does not exist", e.getMessage());
        assertEquals(0, e.position());
    }
}
