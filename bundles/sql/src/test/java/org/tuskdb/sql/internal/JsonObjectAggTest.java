package org.tuskdb.sql.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tuskdb.api.DatabaseException;

/** json_object_agg / jsonb_object_agg; expected results are PostgreSQL 15's. */
class JsonObjectAggTest {
    private final SessionFixture db = new SessionFixture(SessionFixture.engineWith(new FakeStorage()));

    @Test
    void jsonKeepsEveryPairJsonbTheLastValueOfAKey() {
        assertEquals(List.of("{ \"b\" : 1, \"a\" : null, \"b\" : 3 }|{\"a\": null, \"b\": 3}"),
            db.rows("select json_object_agg(k, v), jsonb_object_agg(k, v) from (values ('b', 1), ('a', null), ('b', 3)) t(k, v)"));
        assertEquals(List.of("|"), db.rows("select json_object_agg(k, v), jsonb_object_agg(k, v)"
            + " from (values ('b', 1)) t(k, v) where false"));
    }

    @Test
    void aNullKeyIs22023() {
        DatabaseException e = db.error("select json_object_agg(k, v) from (values (null::text, 1)) t(k, v)");
        assertEquals("22023", e.sqlState());
        assertEquals("field name must not be null", e.getMessage());
    }
}
