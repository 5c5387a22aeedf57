package org.tuskdb.sql.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tuskdb.api.DatabaseException;

/** FROM lists, joins, aliases and derived tables; expected results are PostgreSQL 15's. */
class JoinsTest {
    private final FakeStorage storage = new FakeStorage();
    private final SessionFixture db = new SessionFixture(SessionFixture.engineWith(storage));

    @BeforeEach
    void tables() {
        db.rows("create table a (id int, name text)");
        db.rows("create table b (id int, a_id int, val text)");
        db.rows("insert into a values (1,'one'),(2,'two'),(3,'three'),(null,'nil')");
        db.rows("insert into b values (10,1,'x'),(11,1,'y'),(12,2,'z'),(13,4,'w'),(14,null,'n')");
    }

    @Test
    void commaJoinWithWhereEquality() {
        assertEquals(List.of("1|one|10|1|x", "1|one|11|1|y", "2|two|12|2|z"),
            db.rows("select * from a, b where a.id = b.a_id order by b.id"));
        assertEquals(List.of("id|name|id|a_id|val"), List.of(String.join("|", db.sink.columnNames())));
    }

    @Test
    void innerJoinOnWithNonEqualityQualUsesNestedLoop() {
        assertEquals(List.of("1|12", "1|13", "2|13", "3|13"),
            db.rows("select a.id, b.id from a join b on a.id < b.a_id order by 1, 2"));
    }

    @Test
    void leftJoinNullExtendsUnmatchedRows() {
        assertEquals(List.of("1|one|10|1|x", "1|one|11|1|y", "2|two|12|2|z", "3|three|||", "|nil|||"),
            db.rows("select * from a left join b on a.id = b.a_id order by a.id, b.id"));
    }

    @Test
    void onConditionOfLeftJoinOnlyRestrictsMatchesButWhereFiltersRows() {
        assertEquals(List.of("1|one|11|1|y", "2|two|||", "3|three|||", "|nil|||"),
            db.rows("select * from a left join b on a.id = b.a_id and b.val = 'y' order by a.id"));
        assertEquals(List.of("3|three|||", "|nil|||"),
            db.rows("select * from a left join b on a.id = b.a_id where b.id is null order by a.id"));
    }

    @Test
    void rightAndFullJoins() {
        assertEquals(List.of("1|one|10|1|x", "1|one|11|1|y", "2|two|12|2|z", "||13|4|w", "||14||n"),
            db.rows("select * from a right join b on a.id = b.a_id order by b.id"));
        assertEquals(List.of("1|one|10|1|x", "1|one|11|1|y", "2|two|12|2|z", "3|three|||", "||13|4|w",
                "||14||n", "|nil|||"),
            db.rows("select * from a full join b on a.id = b.a_id order by a.id, b.id"));
    }

    @Test
    void usingMergesTheColumnAndFullJoinCoalescesIt() {
        db.rows("create table c (id int, z text)");
        db.rows("insert into c values (1,'c1'),(4,'c4')");
        assertEquals(List.of("1|one|c1"), db.rows("select * from a join c using (id)"));
        assertEquals(List.of("id|name|z"), List.of(String.join("|", db.sink.columnNames())));
        assertEquals(List.of("1|one|c1", "2|two|", "3|three|", "4||c4", "|nil|"),
            db.rows("select * from a full join c using (id) order by id"));
        assertEquals(List.of("1|one|c1"), db.rows("select * from a natural join c"));
        // the join column is decoded even when nothing else reads it
        assertEquals(List.of("one|c1"), db.rows("select name, z from a join c using (id)"));
        assertEquals("1", db.value("select count(*) from a natural join c"));
    }

    @Test
    void ambiguousAndMissingNamesAreErrors() {
        DatabaseException e = db.error("select id from a, b");
        assertEquals("42702", e.sqlState());
        assertEquals("column reference \"id\" is ambiguous", e.getMessage());
        assertEquals(8, e.position());
        e = db.error("select x.id from a t");
        assertEquals("42P01", e.sqlState());
        assertEquals("missing FROM-clause entry for table \"x\"", e.getMessage());
        e = db.error("select t.nope from a t");
        assertEquals("42703", e.sqlState());
        assertEquals("column t.nope does not exist", e.getMessage());
        e = db.error("select * from a t, b t");
        assertEquals("42712", e.sqlState());
        e = db.error("select a.id from a t");
        assertEquals("invalid reference to FROM-clause entry for table \"a\"", e.getMessage());
    }

    @Test
    void derivedTablesWithColumnAliases() {
        assertEquals(List.of("1|one|1", "2|two|1"),
            db.rows("select t.*, s.x from (select id, name from a where id < 3) t, (select 1 as x) s order by t.id"));
        assertEquals(List.of("1", "2"), db.rows("select i from (select id from a) s(i) where i < 3 order by i"));
        assertEquals("42601", db.error("select * from (select 1)").sqlState());
        assertEquals("42P10", db.error("select * from (select 1) as s(a, b)").sqlState());
    }

    @Test
    void joinAliasHidesItsInputs() {
        assertEquals(List.of(), db.rows("select j.id, j.name from (a join b using (id)) j"));
        db.rows("create table c (id int)");
        db.rows("insert into c values (1)");
        assertEquals(List.of("1|one"), db.rows("select j.id, j.name from (a join c using (id)) j"));
        assertEquals("42P01", db.error("select a.id from (a join c using (id)) j").sqlState());
    }

    @Test
    void threeWayJoinAndAggregateOverAJoin() {
        db.rows("create table c (id int, a_id int)");
        db.rows("insert into c values (1, 1), (2, 1), (3, 2)");
        assertEquals(List.of("one|4", "two|1"), db.rows("select a.name, count(*) from a join b on a.id = b.a_id "
            + "join c on c.a_id = a.id group by a.name order by 1"));
    }

    @Test
    void missingColumnHintsNameTheClosestColumns() {
        DatabaseException e = db.error("select nam from a");
        assertEquals("column \"nam\" does not exist", e.getMessage());
        assertEquals("Perhaps you meant to reference the column \"a.name\".", e.hint());
        assertEquals("Perhaps you meant to reference the column \"b.val\".", db.error("select vall from a, b").hint());
        // a wrong qualifier: the exact name in another table is the closest match
        assertEquals("Perhaps you meant to reference the column \"a.name\".", db.error("select b.name from a, b").hint());
        assertEquals(null, db.error("select zzzz from a").hint());
    }
}
