package org.tuskdb.sql.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tuskdb.api.DatabaseException;

/** Arrays: constructor, literal input/output with quoting, subscripts, ANY/ALL, operators, functions, storage. */
class ArraysTest {
    private final FakeStorage storage = new FakeStorage();
    private final SessionFixture db = new SessionFixture(SessionFixture.engineWith(storage));

    private void fails(String sql, String state, String message) {
        DatabaseException e = db.error(sql);
        assertEquals(state, e.sqlState(), sql);
        assertEquals(message, e.getMessage(), sql);
    }

    @Test
    void inputOutputAndQuoting() {
        assertEquals("{1,2,3}|{1,2,3}|2|{1.5,2}", db.value("select ARRAY[1,2,3], '{1,2,3}'::int[], (ARRAY[1,2,3])[2], ARRAY[1.5, 2]"));
        assertEquals("{\"a b\",NULL,\"c\\\"d\",\"\",x,\"NULL\",NULL}",
            db.value("select '{\"a b\",NULL,\"c\\\"d\",\"\",x,\"NULL\",null}'::text[]"));
        assertEquals("integer[]|bigint[]|text[]", db.value("select pg_typeof(ARRAY[1]), pg_typeof(ARRAY[1::bigint]), pg_typeof(ARRAY['x'])"));
    }

    @Test
    void subscriptsSlicesAndAnyAll() {
        assertEquals("||{2,3}|{1,2}", db.value("select (ARRAY[1,2,3])[0], (ARRAY[1,2,3])[4], (ARRAY[1,2,3,4])[2:3], (ARRAY[1,2,3,4])[:2]"));
        assertEquals("t|f||t", db.value("select 1 = ANY(ARRAY[1,2]), 3 = ANY(ARRAY[1,2]), 3 = ANY(ARRAY[1,NULL]), 1 = ANY('{1,2}')"));
        assertEquals("t|f||f|t", db.value("select 1 < ALL(ARRAY[2,3]), 1 < ALL(ARRAY[0,3]), 1 < ALL(ARRAY[2,NULL]), "
            + "1 = ANY('{}'::int[]), NULL::int = ALL('{}'::int[])"));
    }

    @Test
    void operatorsAndFunctions() {
        assertEquals("{1,2,3}|{1,2,3}|{0,1,2}|{1,2}", db.value("select ARRAY[1,2] || ARRAY[3], ARRAY[1,2] || 3, 0 || ARRAY[1,2], "
            + "ARRAY[1] || '{2}'"));
        assertEquals("abx", db.value("select 'ab'::char(5) || 'x'"));
        assertEquals("t|f|t|t", db.value("select ARRAY[1,2] @> ARRAY[1], ARRAY[1,2] <@ ARRAY[1], ARRAY[1,2] && ARRAY[2,3], "
            + "ARRAY[1,2] < ARRAY[1,2,0]"));
        assertEquals("2||2|2", db.value("select array_length(ARRAY[1,2], 1), array_length('{}'::int[], 1), "
            + "cardinality(ARRAY[1,2]), array_position(ARRAY['a','b'], 'b')"));
        assertEquals("1,*,3|{a,b,\"\",c}|[1,2,3]", db.value("select array_to_string(ARRAY[1,NULL,3], ',', '*'), "
            + "string_to_array('a,b,,c', ','), to_json(ARRAY[1,2,3])"));
    }

    @Test
    void storedInTables() {
        db.rows("create table t (id int, tags text[], nums int[])");
        db.rows("insert into t values (1, '{red,\"dark blue\"}', ARRAY[3,1,2]), (2, '{}', '{}'), (3, ARRAY['x', NULL], '{10}')");
        assertEquals(List.of("1|{red,\"dark blue\"}|{3,1,2}", "2|{}|{}", "3|{x,NULL}|{10}"), db.rows("select * from t order by id"));
        assertEquals(List.of("1", "3"), db.rows("select id from t where 'red' = ANY(tags) or 10 = ANY(nums) order by id"));
    }

    @Test
    void errors() {
        fails("select '{1,2'::int[]", "22P02", "malformed array literal: \"{1,2\"");
        fails("select '{1,a}'::int[]", "22P02", "invalid input syntax for type integer: \"a\"");
        fails("select ARRAY[]", "42P18", "cannot determine type of empty array");
        fails("select (1)[1]", "42804", "cannot subscript type integer because it does not support subscripting");
        fails("select 1 = ANY(1)", "42809", "op ANY/ALL (array) requires array on right side");
    }
}
