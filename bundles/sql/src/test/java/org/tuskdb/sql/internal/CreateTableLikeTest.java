package org.tuskdb.sql.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tuskdb.api.DatabaseException;

/** CREATE TABLE (LIKE source [INCLUDING | EXCLUDING ...]): what is copied under which option, errors. */
class CreateTableLikeTest {
    private final FakeStorage storage = new FakeStorage();
    private final Engine engine = SessionFixture.engineWith(storage);
    private final SessionFixture db = new SessionFixture(engine);

    private void source() {
        db.rows("create table s (id serial primary key, a int not null default 5, b text check (length(b) > 0), "
            + "c int generated always as identity (start with 10), d varchar(5) unique)");
        db.rows("create index on s (lower(b))");
        db.rows("comment on column s.a is 'the a'");
    }

    private List<String> indexes(String table) {
        return db.rows("select indexname from pg_indexes where tablename = '" + table + "' order by indexname");
    }

    @Test
    void plainLikeCopiesColumnsTypesAndNotNullOnly() {
        source();
        db.rows("create table t (like s, extra int)");
        assertEquals(List.of("id|int4|t", "a|int4|t", "b|text|f", "c|int4|t", "d|varchar|f", "extra|int4|f"),
            db.rows("select attname, typname, attnotnull from pg_attribute a join pg_type y on y.oid = a.atttypid "
                + "where attrelid = 't'::regclass and attnum > 0 order by attnum"));
        assertEquals(List.of(), indexes("t"));
        assertEquals("0", db.value("select count(*) from pg_constraint where conrelid = 't'::regclass"));
        db.rows("insert into t (id, a, c, b) values (1, 2, 3, '')");
        assertEquals("1|2||3||", db.value("select * from t"));
    }

    @Test
    void includingAllCopiesDefaultsIdentityChecksIndexesAndComments() {
        source();
        db.rows("create table t (x int, like s including all)");
        assertEquals(List.of("t_d_key", "t_lower_idx", "t_pkey"), indexes("t"));
        assertEquals(List.of("s_b_check|c", "t_d_key|u", "t_pkey|p"), db.rows(
            "select conname, contype from pg_constraint where conrelid = 't'::regclass order by conname"));
        assertEquals("1|5|10", db.value("insert into t (b) values ('x') returning id, a, c"));
        assertEquals("the a", db.value("select col_description('t'::regclass, 3)"));
        assertEquals("23514", db.error("insert into t (b) values ('')").sqlState());
        assertEquals("428C9", db.error("insert into t (c) values (1)").sqlState());
    }

    @Test
    void excludingRemovesWhatIncludingAllAdded() {
        source();
        db.rows("create table t (like s including all excluding indexes excluding identity excluding comments)");
        assertEquals(List.of(), indexes("t"));
        assertEquals("", db.value("select coalesce(col_description('t'::regclass, 2), '')"));
        assertEquals("7", db.value("insert into t (c, b) values (7, 'x') returning c"));
    }

    @Test
    void errorsAsPostgres() {
        source();
        DatabaseException e = db.error("create table t (like s, a int)");
        assertEquals("42701", e.sqlState());
        assertEquals("column \"a\" specified more than once", e.getMessage());
        e = db.error("create table t (like nope)");
        assertEquals("42P01", e.sqlState());
        assertEquals(22, e.position());
        db.rows("create sequence q");
        e = db.error("create table t (like q)");
        assertEquals("42809", e.sqlState());
        assertEquals("relation \"q\" is invalid in LIKE clause", e.getMessage());
        assertEquals("42601", db.error("create table t (like s including nothing)").sqlState());
    }
}
