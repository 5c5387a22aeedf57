package org.tuskdb.sql.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What pg_dump reads and what its output makes a server do: tableoid, name[0], pg_proc and the
 * pg_get_function_* deparsers, acldefault, pg_options_to_table, view definitions qualified for an
 * empty search path, and the restore statements (OWNER TO, ADD GENERATED AS IDENTITY, ALTER
 * SEQUENCE OWNED BY, CHECK ((...))). Expected values are PostgreSQL 15's.
 */
class PgDumpCatalogTest {
    private final FakeStorage storage = new FakeStorage();
    private final Engine engine = SessionFixture.engineWith(storage);
    private final SessionFixture db = new SessionFixture(engine);

    private String tag(String sql) {
        db.rows(sql);
        return db.tags().get(db.tags().size() - 1);
    }

    @Test
    void tableoidIsTheRelationsOid() {
        db.rows("create table t (a int)");
        db.rows("insert into t values (1)");
        assertEquals("t", db.value("select tableoid::regclass from t"));
        assertEquals("pg_class", db.value("select c.tableoid::regclass from pg_class c where c.relname = 't'"));
        assertEquals("42703", db.error("select tableoid from (select 1) s").sqlState());
    }

    @Test
    void nameSubscriptGivesOneChar() {
        assertEquals("_|a|", db.value("select ('_int4'::name)[0], ('abc'::name)[0], ('abc'::name)[5]"));
        assertEquals(List.of("_int4"), db.rows("select typname from pg_type where typname[0] = '_' "
            + "and typname = '_int4'"));
    }

    @Test
    void pgProcListsTheBuiltinsWithTheirSignatures() {
        assertEquals("upper|text|text|f|i|t", db.value("select proname, pg_get_function_result(oid), "
            + "pg_get_function_arguments(oid), prokind, provolatile, proisstrict from pg_proc where proname = 'upper' "
            + "and pg_get_function_arguments(oid) = 'text'"));
        assertEquals("a|bigint|", db.value("select prokind, pg_get_function_result(oid), "
            + "pg_get_function_arguments(oid) from pg_proc where proname = 'count' and pronargs = 0"));
        assertEquals("SETOF integer", db.value("select pg_get_function_result(oid) from pg_proc "
            + "where proname = 'generate_series' and proargtypes[0] = 23 and pronargs = 2"));
        assertEquals("0", db.value("select count(*) from pg_proc where pronamespace <> 11 and proname not like '\\_pg%'"));
        assertEquals("integer, integer", db.value("select oidvectortypes(proargtypes) from pg_proc "
            + "where proname = 'generate_series' and proargtypes[0] = 23 and pronargs = 2"));
    }

    @Test
    void aclDefaultsAndOptions() {
        assertEquals("{alice=arwdDxt/alice}|{=X/alice,alice=X/alice}", db.value("select acldefault('r', 10), "
            + "acldefault('f', 10)"));
        assertEquals(List.of("fillfactor|70", "x|"), db.rows("select * from pg_options_to_table("
            + "array['fillfactor=70', 'x']) order by 1"));
    }

    @Test
    void viewDefinitionQualifiesTablesTheSearchPathDoesNotFind() {
        db.rows("create schema s");
        db.rows("create table s.base (id int, note text)");
        db.rows("create table s.base2 (z int)");
        db.rows("set search_path = s");
        db.rows("create view v1 as SELECT b.id, 'from x' as t FROM base b, base2 WHERE b.id > 0");
        db.rows("create view v2 as SELECT id FROM base JOIN base2 ON true");
        assertEquals(" SELECT id FROM base JOIN base2 ON true;", db.value("select pg_get_viewdef('v2'::regclass)"));
        db.rows("create view v3 as SELECT id FROM s.base");
        assertEquals(" SELECT id FROM base;", db.value("select pg_get_viewdef('v3'::regclass)"));
        db.rows("set search_path = ''");
        assertEquals(" SELECT id FROM s.base JOIN s.base2 ON true;", db.value("select pg_get_viewdef('s.v2'::regclass)"));
        assertEquals(" SELECT b.id, 'from x' as t FROM s.base b, s.base2 WHERE b.id > 0;",
            db.value("select pg_get_viewdef('s.v1'::regclass)"));
    }

    @Test
    void restoreStatementsOfAPlainDump() {
        db.rows("create schema app");
        assertEquals("ALTER SCHEMA", tag("alter schema app owner to alice"));
        assertEquals("42704", db.error("alter schema app owner to nobody").sqlState());
        db.rows("create table app.o (id bigint not null, n int)");
        assertEquals("ALTER TABLE", tag("alter table app.o owner to alice"));
        db.rows("alter table app.o alter column id add generated always as identity (sequence name app.o_id_seq "
            + "start with 10 increment by 1 no minvalue no maxvalue cache 1)");
        assertEquals(List.of("10", "11"), db.rows("insert into app.o (n) values (1), (2) returning id"));
        assertEquals("a|app.o_id_seq", db.value("select attidentity, pg_get_serial_sequence('app.o', 'id') "
            + "from pg_attribute where attrelid = 'app.o'::regclass and attname = 'id'"));
        assertEquals("55000", db.error("alter table app.o alter column n add generated by default as identity")
            .sqlState());
        db.rows("create table t (id integer not null)");
        db.rows("create sequence t_id_seq as integer");
        db.rows("alter table t owner to alice");
        db.rows("alter sequence t_id_seq owned by t.id");
        assertEquals("public.t_id_seq", db.value("select pg_get_serial_sequence('t', 'id')"));
        db.rows("alter table only t alter column id set default nextval('public.t_id_seq'::regclass)");
        assertEquals("nextval('t_id_seq'::regclass)", db.value("select pg_get_expr(adbin, adrelid) from pg_attrdef "
            + "where adrelid = 't'::regclass"));
        db.rows("alter table only t add constraint t_id_check check ((id > 0))");
        assertEquals("CHECK ((id > 0))", db.value("select pg_get_constraintdef(oid) from pg_constraint "
            + "where conname = 't_id_check'"));
        assertTrue(db.error("alter sequence app.o_id_seq owned by t.id").getMessage()
            .contains("cannot change ownership of identity sequence"));
    }
}
