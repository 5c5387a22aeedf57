package org.tuskdb.sql.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tuskdb.api.DatabaseException;

/**
 * The pg_catalog views psql and drivers read (PostgreSQL's columns over Tusk's stored catalogs),
 * regclass / regnamespace, the catalog functions, OPERATOR(), COLLATE, ARRAY(subquery) and
 * functions in FROM; expected values are PostgreSQL 15's for the same statements.
 */
class CatalogViewsTest {
    private final FakeStorage storage = new FakeStorage();
    private final Engine engine = SessionFixture.engineWith(storage);
    private final SessionFixture db = new SessionFixture(engine);

    private void schema() {
        db.rows("create table p (id int primary key, code text unique, qty int default 1 check (qty > 0))");
        db.rows("create table c (id serial primary key, p_id int references p (id) on delete cascade, note varchar(20))");
        db.rows("create index c_note_idx on c (note desc)");
        db.rows("create view v as select id, code from p");
    }

    @Test
    void pgClassHasPostgresColumnsWithCharKinds() {
        schema();
        assertEquals(List.of("c|r|p|t|t|0|heap", "c_id_seq|S|p|f|f|0|", "c_note_idx|i|p|f|f|0|btree",
            "c_pkey|i|p|f|f|0|btree", "p|r|p|t|t|1|heap", "p_code_key|i|p|f|f|0|btree", "p_pkey|i|p|f|f|0|btree",
            "v|v|p|f|f|0|"), db.rows("select c.relname, c.relkind, c.relpersistence, c.relhasindex, c.relhastriggers, "
            + "c.relchecks, am.amname from pg_class c left join pg_am am on am.oid = c.relam "
            + "where c.relnamespace = 2200 order by 1"));
        assertEquals("\"char\"|regclass", db.value("select pg_typeof(relkind), pg_typeof(oid::regclass) from pg_class "
            + "where relname = 'p'"));
        assertEquals("\"char\"|a|character|t", db.value("select pg_typeof('ab'::\"char\"), 'ab'::\"char\", "
            + "pg_typeof('x'::char), 'r'::\"char\" = 'r'::text"));
        assertEquals(List.of("r", "v"), db.rows("select relkind from pg_class where relname in ('p', 'v') "
            + "and relkind in ('r', 'v') order by 1"));
    }

    @Test
    void regclassReadsNamesAndPrintsVisibleNamesUnqualified() {
        schema();
        db.rows("create schema s");
        db.rows("create table s.hidden (x int)");
        assertEquals("p|s.hidden|c_note_idx", db.value("select 'p'::regclass, 's.hidden'::regclass, 'c_note_idx'::regclass"));
        assertEquals("t", db.value("select 'p'::regclass = (select oid from pg_class where relname = 'p')"));
        assertEquals("pg_class|1259", db.value("select 'pg_catalog.pg_class'::regclass, 'pg_class'::regclass::oid"));
        assertEquals("-", db.value("select 0::regclass"));
        assertEquals("1|1", db.value("select nextval('c_id_seq'::regclass), currval('c_id_seq'::regclass)"));
        assertEquals("s|2200", db.value("select 's'::regnamespace, 'public'::regnamespace::oid"));
        DatabaseException e = db.error("select 'nothing'::regclass");
        assertEquals("42P01", e.sqlState());
        assertEquals("relation \"nothing\" does not exist", e.getMessage());
        assertEquals(8, e.position());
        assertEquals("3F000", db.error("select 'nosuch.t'::regclass").sqlState());
        db.rows("set search_path = s, public");
        assertEquals("hidden|p", db.value("select 's.hidden'::regclass, 'p'::regclass"));
    }

    @Test
    void deparsersShowConstraintsIndexesAndDefaultsAsPostgresDoes() {
        schema();
        assertEquals(List.of("c_p_id_fkey|FOREIGN KEY (p_id) REFERENCES p(id) ON DELETE CASCADE",
            "c_pkey|PRIMARY KEY (id)", "p_code_key|UNIQUE (code)", "p_pkey|PRIMARY KEY (id)",
            "p_qty_check|CHECK (qty > 0)"), db.rows("select conname, pg_get_constraintdef(oid, true) "
            + "from pg_constraint order by 1"));
        assertEquals("CHECK ((qty > 0))", db.value("select pg_get_constraintdef(oid) from pg_constraint where contype = 'c'"));
        assertEquals("CREATE INDEX c_note_idx ON public.c USING btree (note DESC)|note",
            db.value("select pg_get_indexdef('c_note_idx'::regclass), pg_get_indexdef('c_note_idx'::regclass, 1, true)"));
        assertEquals("CREATE UNIQUE INDEX p_pkey ON public.p USING btree (id)",
            db.value("select pg_get_indexdef(indexrelid) from pg_index where indisprimary and indrelid = 'p'::regclass"));
        assertEquals("nextval('c_id_seq'::regclass)", db.value("select pg_get_expr(adbin, adrelid, true) from pg_attrdef "
            + "where adrelid = 'c'::regclass"));
        assertEquals(List.of("note|character varying(20)|yes"), db.rows("select a.attname, format_type(a.atttypid, "
            + "a.atttypmod), case when a.attnum <= (select indnkeyatts from pg_index where indexrelid = 'c_note_idx'::regclass) "
            + "then 'yes' else 'no' end from pg_attribute a where a.attrelid = 'c_note_idx'::regclass order by attnum"));
    }

    @Test
    void visibilityOwnersAndEncodings() {
        schema();
        db.rows("create schema s");
        db.rows("create table s.hidden (x int)");
        assertEquals("t|f|t", db.value("select pg_table_is_visible('p'::regclass), pg_table_is_visible('s.hidden'::regclass), "
            + "pg_table_is_visible('pg_class'::regclass)"));
        assertEquals("alice|pg_database_owner", db.value("select pg_get_userbyid(10), pg_get_userbyid(nspowner) "
            + "from pg_namespace where nspname = 'public'"));
        assertEquals("UTF8|SQL_ASCII", db.value("select pg_encoding_to_char(6), pg_encoding_to_char(0)"));
        assertEquals(List.of("postgres|UTF8", "template0|UTF8", "template1|UTF8"),
            db.rows("select datname, pg_encoding_to_char(encoding) from pg_database order by 1"));
    }

    @Test
    void sizePrettyRoundsLikeDbsize() {
        assertEquals("10239 bytes|10 kB|118 MB|90 TB|-10 kB", db.value("select pg_size_pretty(10239::bigint), "
            + "pg_size_pretty(10240::bigint), pg_size_pretty(123456789::bigint), pg_size_pretty(98765432109876::bigint), "
            + "pg_size_pretty(-10240::bigint)"));
    }

    @Test
    void qualifiedOperatorsCollateAndArraySubqueries() {
        schema();
        assertEquals(List.of("c", "c_id_seq"), db.rows("select relname from pg_class where relname "
            + "OPERATOR(pg_catalog.~) '^(c.*)$' COLLATE pg_catalog.default and relname !~ 'idx|pkey' order by 1"));
        assertEquals("t", db.value("select 1 operator(pg_catalog.+) 1 = 2"));
        assertEquals("42704", db.error("select 'a' collate \"fr_FR\"").sqlState());
        assertEquals("{c_pkey,p_code_key,p_pkey}|{}", db.value("select array(select relname from pg_class "
            + "where relname like '%_key' or relname like '%pkey' order by 1), array(select 1 where false)"));
    }

    @Test
    void functionsInFrom() {
        assertEquals(List.of("1|2", "2|4", "3|6"), db.rows("select s, s * 2 from generate_series(1, 3) s"));
        assertEquals(List.of("10|1", "7|2", "4|3", "1|4"), db.rows("select * from generate_series(10, 1, -3) "
            + "with ordinality as g(v, n)"));
        assertEquals(List.of("a", "b"), db.rows("select x from pg_catalog.unnest(array['a', 'b']) x"));
        assertEquals("abc", db.value("select lower from lower('ABC')"));
        assertEquals("22023", db.error("select * from generate_series(1, 2, 0)").sqlState());
        assertEquals(List.of("2"), db.rows("select (select max(v) from generate_series(1, t.n) v) from (select 2 as n) t"));
    }

    @Test
    void expandArrayInTheTargetListAsTheJdbcDriverUsesIt() {
        db.rows("create table k (a int, b int, c int, primary key (c, a))");
        assertEquals(List.of("c|1", "a|2"), db.rows("select a.attname, (i.keys).n from pg_attribute a join "
            + "(select i.indrelid, information_schema._pg_expandarray(i.indkey) as keys from pg_index i) i "
            + "on a.attnum = (i.keys).x and a.attrelid = i.indrelid where a.attrelid = 'k'::regclass order by 2"));
        assertEquals(List.of("1|(1,1)", "2|(3,2)"), db.rows("select (information_schema._pg_expandarray(array[1,3])).n, "
            + "information_schema._pg_expandarray(array[1,3])"));
        assertEquals(List.of("n", "_pg_expandarray"), db.sink.columnNames());
        assertEquals("42809", db.error("select (1).x").sqlState());
        assertEquals("0|0|3|3 1|int2vector", db.value("select indoption[0] & 1::smallint, indoption[1], indkey[0], indkey, "
            + "pg_typeof(indkey) from pg_index where indexrelid = 'k_pkey'::regclass"));
        assertEquals("2|7|5|-6|20|2|smallint", db.value("select 6 & 3, 6 | 3, 6 # 3, ~5, 5 << 2, 5 >> 1, "
            + "pg_typeof(1::smallint & 1::smallint)"));
    }

    @Test
    void emptyCatalogsPsqlReads() {
        assertEquals("0|0|0|0|0", db.value("select (select count(*) from pg_inherits), (select count(*) from pg_trigger), "
            + "(select count(*) from pg_policy), (select count(*) from pg_extension where extname <> 'plpgsql'), (select count(*) from pg_statistic_ext)"));
        assertEquals("alice|t", db.value("select rolname, rolsuper from pg_roles where oid = 10")); // the session user
    }
}
