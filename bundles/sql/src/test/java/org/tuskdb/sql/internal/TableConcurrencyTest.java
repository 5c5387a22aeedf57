package org.tuskdb.sql.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.tuskdb.api.DatabaseException;
import org.tuskdb.sql.internal.catalog.CatalogTables;

/** Concurrent writers (EvalPlanQual, 40001), prepared statements on tables, the catalog bootstrap. */
class TableConcurrencyTest {
    private final FakeStorage storage = new FakeStorage();
    private final Engine engine = SessionFixture.engineWith(storage);
    private final SessionFixture a = new SessionFixture(engine);
    private final SessionFixture b = new SessionFixture(engine);

    @Test
    void readCommittedUpdateFollowsTheConcurrentUpdate() throws Exception {
        a.rows("create table acc (id int, bal int)");
        a.rows("insert into acc values (1, 10), (2, 20)");
        a.rows("begin");
        a.rows("update acc set bal = bal + 1 where id = 1");
        CompletableFuture<List<String>> other = CompletableFuture.supplyAsync(() -> {
            b.rows("update acc set bal = bal * 2 where id = 1");
            return List.copyOf(b.sink.tags);
        });
        Thread.sleep(100);
        assertTrue(!other.isDone(), "the second writer waits for the first");
        a.rows("commit");
        assertEquals(List.of("UPDATE 1"), other.get(5, TimeUnit.SECONDS));
        assertEquals(List.of("1|22", "2|20"), a.rows("select * from acc order by id"));
    }

    @Test
    void readCommittedSkipsARowThatNoLongerQualifies() throws Exception {
        a.rows("create table acc (id int, bal int)");
        a.rows("insert into acc values (1, 10)");
        a.rows("begin");
        a.rows("update acc set bal = 100 where id = 1");
        CompletableFuture<String> other = CompletableFuture.supplyAsync(() -> {
            b.rows("delete from acc where bal = 10");
            return b.sink.tags.get(0);
        });
        Thread.sleep(50);
        a.rows("commit");
        assertEquals("DELETE 0", other.get(5, TimeUnit.SECONDS));
        assertEquals("1|100", a.value("select * from acc"));
    }

    @Test
    void repeatableReadGetsSerializationFailure() {
        a.rows("create table acc (id int, bal int)");
        a.rows("insert into acc values (1, 10)");
        b.rows("begin isolation level repeatable read");
        assertEquals("1|10", b.value("select * from acc"));
        a.rows("update acc set bal = 11 where id = 1");
        assertEquals("1|10", b.value("select * from acc"));
        DatabaseException e = b.error("update acc set bal = 12 where id = 1");
        assertEquals("40001", e.sqlState());
        assertEquals("could not serialize access due to concurrent update", e.getMessage());
        b.rows("rollback");
        assertEquals("1|11", b.value("select * from acc"));
    }

    @Test
    void selectForUpdateFollowsTheNewestVersion() throws Exception {
        a.rows("create table acc (id int, bal int)");
        a.rows("insert into acc values (1, 10)");
        a.rows("begin");
        a.rows("update acc set bal = 15 where id = 1");
        CompletableFuture<String> other = CompletableFuture.supplyAsync(() -> b.value("select bal from acc for update"));
        Thread.sleep(50);
        a.rows("commit");
        assertEquals("15", other.get(5, TimeUnit.SECONDS));
    }

    private static byte[] text(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void preparedStatementsKeepTheirPlanAndDoNotReadTheCatalog() {
        a.rows("create table kv (k int, v text)");
        a.session.parse("ins", "insert into kv values ($1, $2)", new int[0]);
        a.session.parse("get", "select v from kv where k = $1", new int[0]);
        a.session.sync();
        int catalogScans = catalogScans();
        for (int i = 0; i < 5; i++) {
            a.session.bind("", "ins", null, new byte[][] {text(Integer.toString(i)), text("v" + i)}, null);
            a.session.execute("", 0, a.sink);
            a.session.sync();
        }
        a.sink.clear();
        a.session.bind("", "get", null, new byte[][] {text("3")}, null);
        a.session.execute("", 0, a.sink);
        a.session.sync();
        assertEquals(List.of("v3"), a.sink.allRows());
        assertEquals(catalogScans, catalogScans(), "no catalog reads on execution");
        assertTrue(a.sink.tags.contains("SELECT 1"));
        // DDL elsewhere: the plan is remade
        b.rows("drop table kv");
        b.rows("create table kv (k int, v text)");
        b.rows("insert into kv values (3, 'again')");
        a.sink.clear();
        a.session.bind("", "get", null, new byte[][] {text("3")}, null);
        a.session.execute("", 0, a.sink);
        a.session.sync();
        assertEquals(List.of("again"), a.sink.allRows());
    }

    private int catalogScans() {
        return (int) storage.heap.scans.stream().filter(l -> l.equals(CatalogTables.PG_CLASS.locator())).count();
    }

    @Test
    void bootstrapIsIdempotent() {
        FakeStorage fresh = new FakeStorage();
        assertTrue(org.tuskdb.sql.internal.catalog.CatalogBootstrap.run(fresh.heap, fresh.transactions, fresh.files, "alice"));
        assertTrue(fresh.files.exists(CatalogTables.PG_CLASS.locator(), org.tuskdb.api.storage.ForkNumber.MAIN));
        assertEquals(false, org.tuskdb.sql.internal.catalog.CatalogBootstrap.run(fresh.heap, fresh.transactions,
            fresh.files));
        SessionFixture s = new SessionFixture(new Engine(() -> null, () -> null, fresh));
        assertEquals(List.of("pg_attrdef", "pg_attribute", "pg_auth_members", "pg_authid", "pg_class", "pg_constraint",
                "pg_database", "pg_default_acl", "pg_depend", "pg_description", "pg_enum", "pg_extension", "pg_index", "pg_namespace", "pg_proc", "pg_rewrite", "pg_sequence",
                "pg_trigger", "pg_type"),
            s.rows("select relname from pg_class order by relname"));
        assertEquals("11|2200|13207", String.join("|", s.rows("select oid from pg_namespace order by oid")));
    }
}
