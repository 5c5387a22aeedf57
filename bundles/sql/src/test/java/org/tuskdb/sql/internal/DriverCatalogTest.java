package org.tuskdb.sql.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tuskdb.api.DatabaseException;
import org.tuskdb.sql.internal.session.StatementContext;

/**
 * What drivers and ORMs read at connect and introspection time: pg_type's support functions and
 * regproc / regprocedure input (the JDBC driver and Rails tell arrays by typinput), pg_get_keywords,
 * a foreign key's conindid, the pg_depend rows of column defaults (Django's get_sequences),
 * unnest / generate_subscripts of int2vector (SQLAlchemy, Rails), IntervalStyle iso_8601 (Rails),
 * client_min_messages and CASE's column name; expected values are PostgreSQL 15's.
 */
class DriverCatalogTest {
    private final FakeStorage storage = new FakeStorage();
    private final Engine engine = SessionFixture.engineWith(storage);
    private final SessionFixture db = new SessionFixture(engine);

    @Test
    void pgTypeNamesTheSupportFunctionsAndRegprocReadsThem() {
        assertEquals("int4in|int4out|int4recv|int4send|-|-|-|-", db.value("select typinput, typoutput, typreceive, "
            + "typsend, typmodin, typmodout, typanalyze, typsubscript from pg_type where typname = 'int4'"));
        assertEquals("array_in|varchartypmodin|array_subscript_handler|750", db.value("select typinput, typmodin, "
            + "typsubscript, typinput::oid from pg_type where typname = '_varchar'"));
        assertEquals("t|f", db.value("select typinput = 'pg_catalog.array_in'::regproc, "
            + "'int4in'::regproc = 'array_in'::regproc from pg_type where oid = 1007"));
        assertEquals("array_in(cstring,oid,integer)|750|t", db.value("select 'array_in(cstring,oid,int4)'::regprocedure, "
            + "'array_in(cstring,oid,integer)'::regprocedure::oid, "
            + "(select typinput = 'array_in(cstring,oid,integer)'::regprocedure from pg_type where oid = 1009)"));
        assertEquals("md5(text)", db.value("select 'md5(text)'::regprocedure"));
        DatabaseException e = db.error("select 'nope_fn'::regproc");
        assertEquals("42883", e.sqlState());
        assertEquals("function \"nope_fn\" does not exist", e.getMessage());
        assertEquals(8, e.position());
        assertEquals("42883", db.error("select 'md5(int4)'::regprocedure").sqlState());
        assertEquals("22P02", db.error("select 'md5'::regprocedure").sqlState());
        assertEquals(List.of("16", "17", "18", "19", "20"), db.rows("select oid from pg_type limit 5"));
    }

    @Test
    void pgGetKeywordsListsPostgresKeywordsWithCategories() {
        assertEquals("abort|U|t|unreserved|can be bare label", db.value("select * from pg_get_keywords() limit 1"));
        assertEquals("select|R|t|reserved|can be bare label", db.value("select * from pg_get_keywords() where word = 'select'"));
        assertEquals("between|C|t|unreserved (cannot be function or type name)|can be bare label",
            db.value("select * from pg_get_keywords() where word = 'between'"));
        assertEquals("day|U|f", db.value("select word, catcode, barelabel from pg_get_keywords() where word = 'day'"));
        assertEquals("460", db.value("select count(*) from pg_get_keywords()"));
    }

    @Test
    void foreignKeysNameTheReferencedUniqueIndexAndDefaultsDependOnTheirSequences() {
        db.rows("create table p (id serial primary key, code text unique)");
        db.rows("create table c (p_id int references p, p_code text references p (code))");
        assertEquals(List.of("c_p_code_fkey|p_code_key", "c_p_id_fkey|p_pkey"), db.rows("select conname, "
            + "conindid::regclass from pg_constraint where contype = 'f' order by 1"));
        assertEquals(List.of("p_id_seq|id"), db.rows("select s.relname, col.attname from pg_class s "
            + "join pg_depend d on d.refobjid = s.oid and d.refclassid = 'pg_class'::regclass "
            + "join pg_attrdef ad on ad.oid = d.objid and d.classid = 'pg_attrdef'::regclass "
            + "join pg_attribute col on col.attrelid = ad.adrelid and col.attnum = ad.adnum "
            + "where s.relkind = 'S' and d.deptype in ('a', 'n')"));
        assertEquals("1|0|1|1", db.value("select i.relpages, i.reltuples, s.relpages, s.reltuples from pg_class i, "
            + "pg_class s where i.relname = 'p_pkey' and s.relname = 'p_id_seq'"));
    }

    @Test
    void int2vectorUnnestsAndSubscriptsFromZero() {
        db.rows("create table k (a int, b int, c int, primary key (c, a))");
        assertEquals(List.of("c", "a"), db.rows("select a.attname from (select indrelid, indkey, "
            + "generate_subscripts(indkey, 1) idx from pg_index where indrelid = 'k'::regclass and indisprimary) i "
            + "join pg_attribute a on a.attrelid = i.indrelid and a.attnum = i.indkey[i.idx] order by i.idx"));
        assertEquals(List.of("3|0", "1|1"), db.rows("select unnest(indkey), generate_subscripts(indkey, 1) "
            + "from pg_index where indrelid = 'k'::regclass"));
    }

    @Test
    void setRoleAcceptsTheSessionUserAndNone() {
        assertEquals("none", db.value("show role"));
        String user = db.value("select current_user");
        db.rows("set role '" + user + "'");
        assertEquals(user, db.value("show role"));
        db.rows("set role none");
        assertEquals("none", db.value("show role"));
        DatabaseException e = db.error("set role nobody_here");
        assertEquals("22023", e.sqlState());
        assertEquals("role \"nobody_here\" does not exist", e.getMessage());
        db.rows("reset role");
        assertEquals("none", db.value("show role"));
    }

    @Test
    void intervalStyleIso8601PrintsDesignators() {
        db.rows("set intervalstyle = iso_8601");
        assertEquals("P1Y2M3DT4H5M6.5S|PT0S|P-1DT-1.25S|P1DT-1H|P-3M|PT0.000001S", db.value("select "
            + "interval '1 year 2 months 3 days 04:05:06.5', interval '0', interval '-1 day -00:00:01.25', "
            + "interval '1 day -1 hour', interval '-3 months', interval '00:00:00.000001'"));
        db.rows("reset intervalstyle");
        assertEquals("1 day", db.value("select interval '1 day'"));
        assertEquals("0A000", db.error("set intervalstyle = sql_standard").sqlState());
    }

    @Test
    void caseTakesItsElseResultsNameAndClientMinMessagesFiltersNotices() {
        db.session.parse("", "select case when true then null else split_part('a.b', '.', 2) end, "
            + "case when true then 1 else 2 end", new int[0]);
        assertEquals(List.of("split_part", "case"), db.session.describeStatement("").columns().stream()
            .map(c -> c.name()).toList());
        assertTrue(StatementContext.sentToClient(DatabaseException.Severity.NOTICE, "notice"));
        assertTrue(!StatementContext.sentToClient(DatabaseException.Severity.NOTICE, "warning"));
        assertTrue(StatementContext.sentToClient(DatabaseException.Severity.WARNING, "warning"));
        assertTrue(StatementContext.sentToClient(DatabaseException.Severity.INFO, "error"));
    }
}
