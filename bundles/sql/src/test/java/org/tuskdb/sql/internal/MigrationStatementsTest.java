package org.tuskdb.sql.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tuskdb.api.DatabaseException;

/** What migrations emit: CREATE / DROP INDEX CONCURRENTLY, ADD CONSTRAINT ... NOT VALID and VALIDATE CONSTRAINT. */
class MigrationStatementsTest {
    private final FakeStorage storage = new FakeStorage();
    private final SessionFixture db = new SessionFixture(SessionFixture.engineWith(storage));

    @BeforeEach
    void table() {
        db.rows("create table p (id int primary key, n int)");
        db.rows("insert into p values (1, 1), (2, -1)");
    }

    private String validated(String name) {
        return db.value("select convalidated from pg_constraint where conname = '" + name + "'");
    }

    @Test
    void indexConcurrentlyIsAPlainIndexOutsideTransactionBlocks() {
        db.rows("create index concurrently p_n on p (n)");
        assertEquals("p_n", db.value("select indexname from pg_indexes where indexname = 'p_n'"));
        db.rows("begin");
        DatabaseException e = db.error("drop index concurrently p_n");
        assertEquals("25001", e.sqlState());
        assertEquals("DROP INDEX CONCURRENTLY cannot run inside a transaction block", e.getMessage());
        db.rows("rollback");
        assertEquals("DROP INDEX CONCURRENTLY does not support dropping multiple objects",
            db.error("drop index concurrently p_n, p_pkey").getMessage());
        db.rows("drop index concurrently p_n");
        assertEquals("0", db.value("select count(*) from pg_indexes where indexname = 'p_n'"));
    }

    @Test
    void notValidCheckSkipsExistingRowsUntilValidated() {
        db.rows("alter table p add constraint p_pos check (n >= 0) not valid");
        assertEquals("f", validated("p_pos"));
        assertEquals("23514", db.error("insert into p values (3, -2)").sqlState());
        db.rows("alter table p alter column n set not null");
        DatabaseException e = db.error("alter table p validate constraint p_pos");
        assertEquals("check constraint \"p_pos\" of relation \"p\" is violated by some row", e.getMessage());
        assertEquals("f", validated("p_pos"));
        db.rows("update p set n = 0 where n < 0");
        db.rows("alter table p validate constraint p_pos");
        assertEquals("t", validated("p_pos"));
        assertEquals("42704", db.error("alter table p validate constraint nope").sqlState());
        assertEquals("0A000", db.error("alter table p add constraint u unique (n) not valid").sqlState());
    }

    @Test
    void notValidForeignKeyChecksOnlyNewRowsUntilValidated() {
        db.rows("create table c (id int, p_id int)");
        db.rows("insert into c values (1, 1), (2, 99)");
        db.rows("alter table c add constraint c_fk foreign key (p_id) references p (id) not valid");
        assertEquals("23503", db.error("insert into c values (3, 98)").sqlState());
        assertEquals("23503", db.error("alter table c validate constraint c_fk").sqlState());
        db.rows("delete from c where id = 2");
        db.rows("alter table c validate constraint c_fk");
        assertEquals(List.of("t"), db.rows("select convalidated from pg_constraint where conname = 'c_fk'"));
    }

    /** A rewrite (ALTER COLUMN TYPE) moves rows to new tids: the indexes are built again, so keys find their rows. */
    @Test
    void alterColumnTypeAfterUpdatesKeepsIndexesPointingAtTheRows() {
        db.rows("create table t (id bigserial primary key, name varchar(20), n int)");
        db.rows("insert into t (name, n) values ('a', 1), ('b', null), ('c', -1)");
        db.rows("update t set n = 0 where n is null");
        db.rows("alter table t alter column n type bigint using n::bigint");
        db.rows("alter table t alter column name type integer using length(name)");
        assertEquals(List.of("UPDATE 1"), tagOf("update t set n = 0 where n < 0"));
        assertEquals(List.of("1|1|1", "2|1|0", "3|1|0"), db.rows("select * from t where id in (1, 2, 3) order by id"));
        assertEquals("3", db.value("select id from t where id = 3"));
        assertEquals("23505", db.error("insert into t values (2, 1, 1)").sqlState());
    }

    private List<String> tagOf(String sql) {
        db.rows(sql);
        return db.tags();
    }
}
