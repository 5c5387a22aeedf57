package org.tuskdb.sql.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** pg_prepared_statements and the pg_stat_* views monitoring queries read (PostgreSQL 15's columns). */
class StatisticsViewsTest {
    private final FakeStorage storage = new FakeStorage();
    private final SessionFixture a = new SessionFixture(SessionFixture.engineWith(storage));

    @Test
    void preparedStatementsListsTheSessionsNamedStatements() {
        a.rows("prepare q(int, text) as select $1, $2");
        a.session.parse("proto", "select 1", new int[0]);
        a.session.parse("", "select 2", new int[0]);
        assertEquals(List.of("proto|select 1|{}|f|0|0", "q|prepare q(int, text) as select $1, $2|{integer,text}|t|0|0"),
            a.rows("select name, statement, parameter_types, from_sql, generic_plans, custom_plans "
                + "from pg_prepared_statements order by name"));
        a.rows("execute q(1, 'x')");
        assertEquals(List.of("0|1"), a.rows("select generic_plans, custom_plans from pg_prepared_statements "
            + "where name = 'q'"));
        a.rows("deallocate q");
        assertEquals(List.of("proto"), a.rows("select name from pg_prepared_statements"));
        assertEquals(List.of("t"), a.rows("select prepare_time <= now() from pg_prepared_statements"));
    }

    /**
     * A named statement re-analyzed after a catalog change (another session's DDL, or this one's)
     * is still the statement that was prepared: pg_prepared_statements lists it.
     */
    @Test
    void aStatementRevalidatedAfterACatalogChangeIsStillListed() {
        a.rows("create table st_reval (id int)");
        a.session.parse("S_1", "select id from st_reval", new int[0]);
        a.session.bind("", "S_1", new short[0], new byte[0][], new short[0]);
        a.session.execute("", 0, new RecordingSink());
        a.session.sync();
        a.rows("create table st_reval_other (x int)"); // a new catalog generation
        a.session.bind("", "S_1", new short[0], new byte[0][], new short[0]);
        a.session.execute("", 0, new RecordingSink());
        a.session.sync();
        assertEquals(List.of("S_1|select id from st_reval|f"),
            a.rows("select name, statement, from_sql from pg_prepared_statements"));
    }

    @Test
    void userTablesListTheTablesWithPostgreSqlsColumns() {
        a.rows("create table st_a (id int primary key)");
        a.rows("create table st_b (v text)");
        assertEquals(List.of("public|st_a|0|0|0", "public|st_b|0||"),
            a.rows("select schemaname, relname, seq_scan, idx_scan, idx_tup_fetch from pg_stat_user_tables "
                + "order by relname"));
        assertEquals(List.of("0"), a.rows("select count(*) from pg_stat_sys_tables where schemaname = 'public'"));
        assertEquals(List.of("t"), a.rows("select count(*) > 2 from pg_stat_all_tables"));
        assertEquals(23, a.rows("select * from pg_stat_all_tables where relname = 'st_a'").get(0).split("\\|", -1).length);
    }

    @Test
    void statDatabaseHasARowPerDatabaseAndOneForSharedObjects() {
        assertEquals(List.of("0|", "1|template1", "4|template0", "5|postgres"),
            a.rows("select datid, datname from pg_stat_database order by datid"));
        assertEquals(List.of("0|0|"), a.rows("select xact_commit, deadlocks, checksum_last_failure from pg_stat_database "
            + "where datname = 'postgres'"));
    }
}
