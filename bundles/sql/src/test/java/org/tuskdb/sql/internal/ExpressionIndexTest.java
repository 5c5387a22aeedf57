package org.tuskdb.sql.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tuskdb.api.DatabaseException;

/** Indexes on expressions and partial indexes: catalog, maintenance, uniqueness, planner use. */
class ExpressionIndexTest {
    private final FakeStorage storage = new FakeStorage();
    private final Engine engine = SessionFixture.engineWith(storage);
    private final SessionFixture db = new SessionFixture(engine);

    private int entries() {
        return storage.indexes.indexes.values().iterator().next().size();
    }

    @Test
    void expressionIndexIsStoredAndShownAsPostgresPrintsIt() {
        db.rows("create table users (id int, email text)");
        db.rows("create index on users (lower(email))");
        assertEquals("users_lower_idx", db.value("select relname from pg_class where relkind = 'i'"));
        assertEquals("0|lower(email)|", db.value("select indkey, indexprs, coalesce(indpred, '') from pg_index"));
        assertEquals("CREATE INDEX users_lower_idx ON public.users USING btree (lower(email))",
            db.value("select pg_get_indexdef('users_lower_idx'::regclass)"));
        db.rows("create index i2 on users (id, (email || 'x') desc)");
        assertEquals("CREATE INDEX i2 ON public.users USING btree (id, ((email || 'x'::text)) DESC)",
            db.value("select pg_get_indexdef('i2'::regclass)"));
    }

    @Test
    void uniqueExpressionIndexRejectsEqualKeysWithPostgresDetail() {
        db.rows("create table users (id int, email text)");
        db.rows("create unique index users_email on users ((lower(email)))");
        db.rows("insert into users values (1, 'A@x')");
        DatabaseException e = db.error("insert into users values (2, 'a@X')");
        assertEquals("23505", e.sqlState());
        assertEquals("duplicate key value violates unique constraint \"users_email\"", e.getMessage());
        assertEquals("Key (lower(email))=(a@x) already exists.", e.detail());
        db.rows("insert into users values (3, 'b@x')");
        e = db.error("update users set email = 'a@x' where id = 3");
        assertEquals("23505", e.sqlState());
        db.rows("insert into users values (4, null), (5, null)");
    }

    @Test
    void buildingAUniqueExpressionIndexOverDuplicatesFails() {
        db.rows("create table users (id int, email text)");
        db.rows("insert into users values (1, 'A'), (2, 'a')");
        DatabaseException e = db.error("create unique index u on users (lower(email))");
        assertEquals("23505", e.sqlState());
        assertEquals("could not create unique index \"u\"", e.getMessage());
        assertEquals("Key (lower(email))=(a) is duplicated.", e.detail());
    }

    @Test
    void onlyImmutableFunctionsMayBeIndexed() {
        db.rows("create table t (a int, ts timestamptz)");
        DatabaseException e = db.error("create index on t ((a + random()::int))");
        assertEquals("42P17", e.sqlState());
        assertEquals("functions in index expression must be marked IMMUTABLE", e.getMessage());
        e = db.error("create index on t (a) where ts > now()");
        assertEquals("42P17", e.sqlState());
        assertEquals("functions in index predicate must be marked IMMUTABLE", e.getMessage());
        assertEquals("42703", db.error("create index on t (lower(nope))").sqlState());
    }

    @Test
    void plannerUsesTheExpressionIndexForTheSameExpression() {
        db.rows("create table users (id int, email text)");
        db.rows("create unique index users_email on users (lower(email))");
        db.rows("insert into users values (1, 'A@x'), (2, 'b@x')");
        assertEquals(List.of("Index Scan using users_email on users", "  Index Cond: (lower(email) = 'a@x'::text)"),
            db.rows("explain (costs off) select * from users where lower(email) = 'a@x'"));
        assertEquals("1|A@x", db.value("select * from users where lower(email) = 'a@x'"));
        assertEquals(List.of("Seq Scan on users", "  Filter: (upper(email) = 'A@X'::text)"),
            db.rows("explain (costs off) select * from users where upper(email) = 'A@X'"));
    }

    @Test
    void partialIndexHoldsOnlyQualifyingRowsAndIsUniqueAmongThem() {
        db.rows("create table acct (id int, email text, deleted_at timestamp)");
        db.rows("insert into acct values (1, 'a', '2020-01-01'), (2, 'a', null)");
        db.rows("create unique index acct_email on acct (email) where deleted_at is null");
        assertEquals(1, entries());
        assertEquals("(deleted_at IS NULL)", db.value("select indpred from pg_index"));
        assertEquals("CREATE UNIQUE INDEX acct_email ON public.acct USING btree (email) WHERE (deleted_at IS NULL)",
            db.value("select pg_get_indexdef('acct_email'::regclass)"));
        assertEquals("CREATE UNIQUE INDEX acct_email ON acct USING btree (email) WHERE deleted_at IS NULL",
            db.value("select pg_get_indexdef('acct_email'::regclass, 0, true)"));
        db.rows("insert into acct values (3, 'a', '2021-01-01')");
        assertEquals(1, entries());
        DatabaseException e = db.error("insert into acct values (4, 'a', null)");
        assertEquals("23505", e.sqlState());
        assertEquals("Key (email)=(a) already exists.", e.detail());
        db.rows("update acct set deleted_at = '2022-01-01' where id = 2");
        db.rows("insert into acct values (4, 'a', null)");
        assertEquals("4", db.value("select id from acct where email = 'a' and deleted_at is null"));
    }

    @Test
    void plannerUsesAPartialIndexOnlyWhenTheQueryImpliesItsPredicate() {
        db.rows("create table acct (id int, email text, deleted_at timestamp)");
        db.rows("create unique index acct_email on acct (email) where deleted_at is null");
        assertEquals(List.of("Index Scan using acct_email on acct", "  Index Cond: (email = 'a'::text)"),
            db.rows("explain (costs off) select * from acct where email = 'a' and deleted_at is null"));
        assertEquals(List.of("Seq Scan on acct", "  Filter: (email = 'a'::text)"),
            db.rows("explain (costs off) select * from acct where email = 'a'"));
    }

    @Test
    void onConflictInfersAPartialUniqueIndexFromItsPredicate() {
        db.rows("create table acct (id int, email text, deleted_at timestamp, n int default 0)");
        db.rows("create unique index acct_email on acct (email) where deleted_at is null");
        db.rows("insert into acct values (1, 'a', null)");
        db.rows("insert into acct (id, email) values (2, 'a') on conflict (email) where deleted_at is null"
            + " do update set n = acct.n + 1");
        assertEquals("1|1", db.value("select id, n from acct"));
        DatabaseException e = db.error("insert into acct (id, email) values (2, 'a') on conflict (email) do nothing");
        assertEquals("42P10", e.sqlState());
        db.rows("insert into acct (id, email) values (3, 'a') on conflict do nothing");
        assertEquals("1", db.value("select count(*) from acct"));
    }

    @Test
    void renamingAColumnRewritesTheStoredExpressionAndPredicate() {
        db.rows("create table t (id int, email text, gone boolean)");
        db.rows("create unique index u on t (lower(email)) where not gone");
        db.rows("alter table t rename column email to mail");
        db.rows("alter table t rename column gone to deleted");
        assertEquals("CREATE UNIQUE INDEX u ON public.t USING btree (lower(mail)) WHERE (NOT deleted)",
            db.value("select pg_get_indexdef('u'::regclass)"));
        db.rows("insert into t values (1, 'A', false)");
        assertEquals("23505", db.error("insert into t values (2, 'a', false)").sqlState());
    }

    @Test
    void onConflictInfersAnExpressionIndex() {
        db.rows("create table t (id int, email text, n int default 0)");
        db.rows("create unique index u on t (lower(email))");
        db.rows("insert into t values (1, 'A')");
        db.rows("insert into t (id, email) values (2, 'a') on conflict (lower(email)) do update set n = t.n + 1");
        db.rows("insert into t (id, email) values (3, 'a') on conflict ((lower(email))) do nothing");
        assertEquals("1|1", db.value("select id, n from t"));
        assertEquals("42P10", db.error("insert into t (id, email) values (4, 'a') on conflict (email) do nothing")
            .sqlState());
    }

    @Test
    void droppingAColumnDropsTheIndexesThatReadIt() {
        db.rows("create table t (id int, email text, gone boolean)");
        db.rows("create index e on t (lower(email))");
        db.rows("create index p on t (id) where not gone");
        db.rows("create index k on t (id)");
        db.rows("alter table t drop column gone");
        assertEquals(List.of("e", "k"), db.rows("select relname from pg_class where relkind = 'i' order by 1"));
        db.rows("alter table t drop column email");
        assertEquals(List.of("k"), db.rows("select relname from pg_class where relkind = 'i' order by 1"));
        db.rows("insert into t values (1)");
        assertEquals("1", db.value("select id from t where id = 1"));
    }

    @Test
    void aTighterRangeImpliesAPartialIndexRangePredicate() {
        db.rows("create table t (id int, n int)");
        db.rows("create unique index big on t (id) where n > 5");
        assertEquals(List.of("Index Scan using big on t", "  Index Cond: (id = 1)", "  Filter: (n > 10)"),
            db.rows("explain (costs off) select * from t where id = 1 and n > 10"));
        assertEquals(List.of("Index Scan using big on t", "  Index Cond: (id = 1)", "  Filter: (n = 6)"),
            db.rows("explain (costs off) select * from t where id = 1 and n = 6"));
        assertEquals(List.of("Seq Scan on t", "  Filter: ((n >= 5) AND (id = 1))"), // id = 1 from its equivalence class
            db.rows("explain (costs off) select * from t where id = 1 and n >= 5"));
        db.rows("insert into t values (1, 7), (1, 3)");
        assertEquals("1|7", db.value("select * from t where id = 1 and n > 6"));
    }
}
