package org.tuskdb.sql.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tuskdb.api.xact.Interruptible;
import org.tuskdb.api.xact.IsolationLevel;
import org.tuskdb.api.xact.Transaction;
import org.tuskdb.sql.internal.catalog.CatalogBootstrap;
import org.tuskdb.sql.internal.catalog.CatalogStore;
import org.tuskdb.sql.internal.catalog.CatalogTables;
import org.tuskdb.sql.internal.catalog.IndexCatalog;
import org.tuskdb.sql.internal.value.TextValue;
import org.tuskdb.sql.internal.value.Value;

/**
 * pg_index.indkey holds attnums, which a dropped column before a key column makes larger than its
 * position; the engine works on positions (IndexCatalog translates when it loads an index), and
 * rows of older builds, which stored positions + 1, are rewritten at startup.
 */
class DroppedColumnNumbersTest {
    private final FakeStorage storage = new FakeStorage();
    private final SessionFixture db = new SessionFixture(SessionFixture.engineWith(storage));

    @Test
    void indexesBeforeAndAfterADropKeepTheirColumns() {
        db.rows("create table t (a int, b int, c int)");
        db.rows("create index t_c on t (c)");
        db.rows("alter table t drop column a");
        db.rows("create unique index t_b on t (b)");
        assertEquals(List.of("t_b|2", "t_c|3"),
            db.rows("select indexrelid::regclass, indkey from pg_index order by indexrelid::regclass::text"));
        db.rows("insert into t values (1, 10), (2, 20)");
        assertEquals("2|20", db.value("select b, c from t where c = 20"));
        assertEquals("23505", db.error("insert into t values (1, 30)").sqlState());
        assertEquals("Key (b)=(1) already exists.", db.error("insert into t values (1, 30)").detail());
    }

    @Test
    void indexScansAfterDropsReadTheKeyColumns() {
        db.rows("create table t (a int, b int, c int, e int)");
        db.rows("insert into t select g, g, g * 100, g from generate_series(1, 20) g");
        db.rows("alter table t add constraint t_ce unique (c, e)");
        for (String drop : List.of("a", "b")) {
            db.rows("alter table t drop column " + drop);
            assertEquals(List.of("Index Scan using t_ce on t", "  Index Cond: ((c = 700) AND (e = 7))"),
                db.rows("explain (costs off) select c, e from t where c = 700 and e = 7"));
            assertEquals("700|7", db.value("select c, e from t where c = 700 and e = 7"));
        }
        assertEquals("23505", db.error("insert into t values (700, 7)").sqlState());
    }

    @Test
    void pgIndexRowsOfOlderBuildsAreRewrittenToAttnumsAtStartup() {
        db.rows("create table t (a int, b int, c int, d int, e int)");
        db.rows("alter table t drop column a");
        db.rows("create index t_after on t (d, c)"); // an older build stored "3 2", positions + 1
        db.rows("create index t_first on t (b)"); // "1": the same either way
        db.rows("create index t_beyond on t (e)");
        db.rows("insert into t values (2, 3, 4, 5), (6, 7, 8, 9)");
        olderBuildsRow("t_after", "3 2");
        olderBuildsRow("t_first", "1");
        // a number beyond the live columns, which an older build could not have read (an index
        // made before a DROP COLUMN of an earlier column): kept as an attnum
        olderBuildsRow("t_beyond", "5");

        assertTrue(CatalogBootstrap.run(storage.heap, storage.transactions, storage.files), "rows rewritten");
        SessionFixture restarted = new SessionFixture(SessionFixture.engineWith(storage));
        List<String> upgraded = List.of("t_after|4 3", "t_beyond|5", "t_first|2");
        assertEquals(upgraded, restarted.rows("select indexrelid::regclass, indkey from pg_index order by indexrelid::regclass::text"));
        assertEquals("CREATE INDEX t_after ON public.t USING btree (d, c)",
            restarted.value("select pg_get_indexdef('t_after'::regclass)"));
        assertEquals("3|4", restarted.value("select c, d from t where d = 4 and c = 3"));
        assertEquals("6|9", restarted.value("select b, e from t where e = 9"));
        // a second start finds nothing to rewrite
        assertFalse(CatalogBootstrap.run(storage.heap, storage.transactions, storage.files));
        assertEquals(upgraded, restarted.rows("select indexrelid::regclass, indkey from pg_index order by indexrelid::regclass::text"));
    }

    /** Makes the pg_index row of {@code index} look as an older build wrote it: indkey positions + 1, no marker. */
    private void olderBuildsRow(String index, String indkey) {
        long oid = Long.parseLong(db.value("select '" + index + "'::regclass::oid"));
        Transaction tx = storage.transactions.begin(IsolationLevel.READ_COMMITTED, false, Interruptible.NONE);
        CatalogStore store = new CatalogStore(storage.heap, tx);
        CatalogStore.Entry e = store.rowsWhere(CatalogTables.PG_INDEX, IndexCatalog.IND_RELID, oid, tx.snapshot())
            .get(0);
        Value[] row = e.row().clone();
        row[IndexCatalog.IND_KEY] = TextValue.text(indkey);
        row[IndexCatalog.IND_KEY_ATTNUMS] = null;
        store.update(CatalogTables.PG_INDEX, e.tid(), row);
        tx.commit(true);
    }
}
