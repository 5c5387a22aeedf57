package org.tuskdb.sql.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tuskdb.api.DatabaseException;

/** Stored generated columns on FakeStorage (PostgreSQL 15's results for the same statements; difftest ddl/generated_columns). */
class GeneratedColumnsTest {
    private final FakeStorage storage = new FakeStorage();
    private final SessionFixture db = new SessionFixture(SessionFixture.engineWith(storage));

    @Test
    void insertUpdateAndOnConflictComputeTheColumn() {
        db.rows("create table g (id int primary key, a int, b int generated always as (a * 2) stored)");
        db.rows("insert into g (id, a) values (1, 1), (2, null)");
        db.rows("insert into g values (3, 3, default)");
        db.rows("update g set a = 10 where id = 1");
        db.rows("insert into g (id, a) values (2, 7) on conflict (id) do update set a = excluded.b");
        assertEquals(List.of("1,10,20", "2,14,28", "3,3,6"),
            db.rows("select id || ',' || coalesce(a::text, '-') || ',' || coalesce(b::text, '-') from g order by id"));
    }

    @Test
    void explicitValuesAreRefusedWithPostgresqlsErrors() {
        db.rows("create table g (a int, b int generated always as (a + 1) stored)");
        DatabaseException e = db.error("insert into g values (1, 2)");
        assertEquals("428C9", e.sqlState());
        assertEquals("cannot insert a non-DEFAULT value into column \"b\"", e.getMessage());
        assertEquals("Column \"b\" is a generated column.", e.detail());
        assertEquals("column \"b\" can only be updated to DEFAULT", db.error("update g set b = 1").getMessage());
        assertEquals("42P17", db.error("create table h (a int, b timestamptz generated always as (now()) stored)")
            .sqlState());
        assertEquals("cannot use generated column \"b\" in column generation expression",
            db.error("create table h (a int, b int generated always as (a) stored, c int generated always as (b) stored)")
                .getMessage());
    }

    @Test
    void addColumnComputesExistingRowsAndDropExpressionKeepsThem() {
        db.rows("create table g (a int, c int)");
        db.rows("insert into g values (1, 2), (3, 4)");
        db.rows("alter table g add column s int generated always as (a + c) stored");
        assertEquals(List.of("3", "7"), db.rows("select s from g order by a"));
        db.rows("alter table g alter column s drop expression");
        db.rows("insert into g values (5, 6, 100)");
        assertEquals(List.of("3", "7", "100"), db.rows("select s from g order by a"));
        assertEquals("", db.value("select attgenerated from pg_attribute where attrelid = 'g'::regclass and attname = 's'"));
    }

    @Test
    void droppingAReferencedColumnNeedsCascade() {
        db.rows("create table g (a int, b int generated always as (a * 2) stored, c int)");
        assertEquals("2BP01", db.error("alter table g drop column a").sqlState());
        assertEquals("0A000", db.error("alter table g alter column a type bigint").sqlState());
        db.rows("alter table g drop column a cascade");
        assertEquals(List.of("c"), db.rows("select attname from pg_attribute where attrelid = 'g'::regclass "
            + "and attnum > 0 and not attisdropped"));
    }
}
