package org.tuskdb.sql.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tuskdb.api.DatabaseException;

/** json / jsonb and uuid: input, normalized output, operators, functions, errors (PostgreSQL 15's output). */
class JsonTest {
    private final FakeStorage storage = new FakeStorage();
    private final SessionFixture db = new SessionFixture(SessionFixture.engineWith(storage));

    private void fails(String sql, String state, String message, String detail) {
        DatabaseException e = db.error(sql);
        assertEquals(state, e.sqlState(), sql);
        assertEquals(message, e.getMessage(), sql);
        assertEquals(detail, e.detail(), sql);
    }

    @Test
    void jsonbIsNormalizedJsonKeptAsWritten() {
        assertEquals("{\"a\": 4, \"b\": 1, \"aa\": 2}", db.value("select '{\"b\":1,\"aa\":2,\"a\":3, \"a\":4}'::jsonb"));
        assertEquals("[1.0, 100, 0, 0.01, 1, true, null, \"s\", {}, []]",
            db.value("select '[1.0, 1e2, -0, 1E-2, 0.1e1, true, null, \"s\", {}, []]'::jsonb"));
        assertEquals("  {\"b\" :  1 }  ", db.value("select '  {\"b\" :  1 }  '::json"));
        assertEquals("{\"a\": \"x\\ty\\u0001\"}", db.value("select '{\"a\": \"x\\ty\\u0001\"}'::jsonb"));
    }

    @Test
    void operatorsAndFunctions() {
        assertEquals("1|x|2|[1, 2 ]", db.value("select '{\"a\":1}'::jsonb -> 'a', '{\"a\":\"x\"}'::jsonb ->> 'a', "
            + "'{\"a\":1,\"a\":2}'::json -> 'a', '{\"a\": [1, 2 ] }'::json -> 'a'"));
        assertEquals("3|3||", db.value("select '[1,2,3]'::json -> -1, '[1,2,3]'::jsonb -> -1, '{\"a\":1}'::jsonb -> 0, "
            + "'[1]'::jsonb -> 'a'"));
        assertEquals("t|t|t|f|t", db.value("select '{\"a\":1,\"b\":{\"c\":[1,2]}}'::jsonb @> '{\"b\":{\"c\":[2]}}', "
            + "'[1,2,[3]]'::jsonb @> '[[3]]', '[1,2]'::jsonb @> '1', '{\"a\":1}'::jsonb @> '{\"a\":2}', '[\"a\"]'::jsonb ? 'a'"));
        assertEquals("{\"a\": 1, \"b\": 2}|[1, 2]|{\"b\": 2}", db.value("select '{\"a\":1}'::jsonb || '{\"b\":2}', "
            + "'[1]'::jsonb || '2', '{\"a\":1,\"b\":2}'::jsonb - 'a'"));
        assertEquals("{\"a\": 1, \"b\": \"x\", \"c\": null}|{\"a\" : 1, \"b\" : \"x\"}", db.value(
            "select jsonb_build_object('a', 1, 'b', 'x', 'c', null), json_build_object('a', 1, 'b', 'x')"));
        assertEquals("\"2024-01-01T10:00:00\"|\"2024-01-01T10:00:00+00:00\"|\"x\\\"y\"|1.50|\"NaN\"", db.value(
            "select to_json('2024-01-01 10:00'::timestamp), to_jsonb('2024-01-01 10:00+00'::timestamptz), "
                + "to_json('x\"y'::text), to_json(1.50), to_jsonb('NaN'::float8)"));
        assertEquals("object|number|3", db.value("select jsonb_typeof('{}'), json_typeof('1.5'), jsonb_array_length('[1,2,[3]]')"));
    }

    @Test
    void jsonbOrderingRanksScalarsWithOneElementArrays() {
        db.rows("create table t (x jsonb)");
        db.rows("insert into t values ('{\"a\":1}'), ('[1,2]'), ('\"s\"'), ('1'), ('null'), ('true'), ('{}'), ('[]'), ('[0]'), "
            + "('{\"b\":0}'), ('{\"aa\":0}')");
        assertEquals(List.of("[]", "null", "\"s\"", "1", "true", "[0]", "[1, 2]", "{}", "{\"a\": 1}", "{\"aa\": 0}", "{\"b\": 0}"),
            db.rows("select x from t order by x"));
    }

    @Test
    void errors() {
        fails("select '{\"a\":}'::json", "22P02", "invalid input syntax for type json", "Expected JSON value, but found \"}\".");
        fails("select '{\"a\":1'::jsonb", "22P02", "invalid input syntax for type json", "The input string ended unexpectedly.");
        fails("select 'nul'::json", "22P02", "invalid input syntax for type json", "Token \"nul\" is invalid.");
        fails("select '{\"a\" 1}'::json", "22P02", "invalid input syntax for type json", "Expected \":\", but found \"1\".");
        fails("select jsonb_array_length('1')", "22023", "cannot get array length of a scalar", null);
        fails("select '\"x\"'::jsonb::int", "22023", "cannot cast jsonb string to type integer", null);
        assertEquals("42883", db.error("select '{}'::json = '{}'::json").sqlState());
    }

    @Test
    void uuidInputOutputAndStorage() {
        assertEquals("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11|a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11", db.value(
            "select '{A0EEBC99-9C0B4EF8-BB6D6BB9-BD380A11}'::uuid, 'a0eebc999c0b4ef8bb6d6bb9bd380a11'::uuid"));
        fails("select 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a1'::uuid", "22P02",
            "invalid input syntax for type uuid: \"a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a1\"", null);
        assertEquals("36|f", db.value("select length(gen_random_uuid()::text), gen_random_uuid() = gen_random_uuid()"));
        db.rows("create table u (id uuid)");
        db.rows("insert into u values ('ffffffff-0000-0000-0000-000000000000'), ('00000000-0000-0000-0000-000000000001')");
        assertEquals(List.of("00000000-0000-0000-0000-000000000001", "ffffffff-0000-0000-0000-000000000000"),
            db.rows("select id from u order by id"));
    }
}
