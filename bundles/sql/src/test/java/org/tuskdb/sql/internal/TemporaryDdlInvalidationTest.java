package org.tuskdb.sql.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * DDL on a session's own temporary objects does not move the shared catalog counter (other
 * sessions keep their relation caches and plans: they cannot see those objects), DDL on
 * permanent ones does. A view over a temporary table is itself temporary (as in PostgreSQL), so
 * it goes with the session's temporary schema without moving the counter either.
 */
class TemporaryDdlInvalidationTest {
    @Test
    void temporaryTablesStayThisSessionsBusiness() {
        Engine engine = SessionFixture.engineWith(new FakeStorage());
        SessionFixture other = new SessionFixture(engine);
        other.rows("create table shared_t (id int primary key)");
        other.rows("prepare q as select * from shared_t where id = $1");
        long before = engine.catalogCounter().current();

        SessionFixture s = new SessionFixture(engine);
        s.rows("create temp table warm (id int4 primary key, n int4 not null, filler text)");
        s.rows("insert into warm select g, g % 10, 'x' from generate_series(1, 50) g");
        assertEquals("50", s.value("select count(*) from warm"));
        s.session.close();
        assertEquals(before, engine.catalogCounter().current(), "temporary DDL left the shared counter alone");
        assertEquals(List.of(), other.rows("execute q(1)"));

        SessionFixture t = new SessionFixture(engine);
        t.rows("create table perm (a int)");
        assertTrue(engine.catalogCounter().current() > before, "permanent DDL moves it");
        long afterPermanent = engine.catalogCounter().current();
        t.rows("create temp table tt (a int)");
        assertEquals(afterPermanent, engine.catalogCounter().current());
        t.rows("create view over_temp as select * from tt");
        assertEquals(List.of("t"), t.rows("select relpersistence from pg_class where relname = 'over_temp'"));
        long afterView = engine.catalogCounter().current();
        t.session.close();
        assertEquals(afterView, engine.catalogCounter().current(), "the temporary view goes with its schema");
    }
}
