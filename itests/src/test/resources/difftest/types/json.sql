-- types/json: json and jsonb input, jsonb normalization, -> ->> @> <@ ? || -, build_object/array, to_json[b], typeof, array_length, casts, ordering, storage, 22P02 22023
SET TimeZone = 'UTC';
SELECT '{"b":1,"a":[1,2]}'::json, '{"b":1, "a":[1,2], "a":3}'::jsonb, '  {"b" :  1 }  '::json, '  {"b" :  1 }  '::jsonb;
SELECT '{"b":1,"aa":2,"a":3, "a":4}'::jsonb, '[1.0, 1e2, -0, 1E-2, 0.1e1, true, null, "s", {}, []]'::jsonb;
SELECT '{"a": "x\ty\u00e9\u0001"}'::jsonb, '{"a": "x\ty"}'::json, '"\/\"\\"'::jsonb, '12345678901234567890123.4567890'::jsonb;
SELECT '{"a":1}'::jsonb -> 'a', '{"a":"x"}'::jsonb ->> 'a', '{"a":1,"a":2}'::json -> 'a', '{"a": [1, 2 ] }'::json -> 'a';
SELECT '[1,2,3]'::json -> -1, '[1,2,3]'::jsonb -> -1, '{"a":1}'::jsonb -> 0, '[1]'::jsonb -> 'a', '[1,2]'::jsonb -> 5;
SELECT pg_typeof('{"a":1}'::jsonb -> 'a'), pg_typeof('{"a":1}'::jsonb ->> 'a'), '{"a":"x"}'::json ->> 'a', '{"a":null}'::jsonb ->> 'a', '{"a":[1]}'::jsonb ->> 'a';
SELECT '{"a":{"b":{"c":5}}}'::jsonb -> 'a' -> 'b' ->> 'c', '{"a":{"b":[10,20]}}'::json -> 'a' -> 'b' ->> 1;
SELECT '{"a":1,"b":{"c":[1,2]}}'::jsonb @> '{"b":{"c":[2]}}', '[1,2,[3]]'::jsonb @> '[[3]]', '[1,2]'::jsonb @> '1', '{"a":1}'::jsonb @> '{"a":2}';
SELECT '{"a":1}'::jsonb <@ '{"a":1,"b":2}', '{"a":1}'::jsonb ? 'a', '["a"]'::jsonb ? 'a', '{"a":1}'::jsonb ? 'b';
SELECT '{"a":1}'::jsonb || '{"b":2}', '[1]'::jsonb || '[2]', '[1]'::jsonb || '2', '{"a":1,"b":2}'::jsonb - 'a', '["a","b"]'::jsonb - 'a', '[1,2,3]'::jsonb - 1;
SELECT jsonb_typeof('{}'), json_typeof('1.5'), jsonb_typeof('null'), jsonb_typeof('"x"'), jsonb_typeof('[]'), jsonb_typeof('true');
SELECT jsonb_array_length('[1,2,[3]]'), json_array_length('[]');
SELECT jsonb_build_object('a', 1, 'b', 'x', 'c', null, 'd', true, 'e', 1.50), json_build_object('a', 1, 'b', 'x'), jsonb_build_object();
SELECT json_build_array(1, 'x', null, '{"a":1}'::json), jsonb_build_array(1, 'x', null, '{"a":1}'::jsonb), json_build_object('j', '{"a" : 1}'::json);
SELECT to_json('2024-01-01 10:00'::timestamp), to_jsonb('2024-01-01 10:00+00'::timestamptz), to_json('x"y'::text), to_json(1.50), to_jsonb('NaN'::float8), to_json(true), to_json(date '2024-02-03');
SELECT to_json(null::int), to_jsonb(2.5::float8), to_json(7), to_jsonb('{"b":1,"a":2}'::json);
SELECT '{"a":1}'::jsonb = '{"a":1}'::jsonb, '{"a":1, "b":2}'::jsonb = '{"b":2,"a":1}'::jsonb, '1.0'::jsonb = '1'::jsonb;
SELECT '1.5'::jsonb::numeric, '1.5'::jsonb::int, 'true'::jsonb::bool, '12'::jsonb::float8, '{"a":1}'::json::jsonb, '{"a":  1}'::jsonb::json;
CREATE TABLE json_order (x jsonb);
INSERT INTO json_order VALUES ('{"a":1}'), ('[1,2]'), ('"s"'), ('1'), ('null'), ('true'), ('{}'), ('[]'), ('{"a":1,"b":2}'), ('[0]'), ('"a"'), ('2.5'), ('false'), ('{"b":0}'), ('{"aa":0}'), (NULL);
SELECT x FROM json_order ORDER BY x;
SELECT x FROM json_order ORDER BY x DESC;
DROP TABLE json_order;
SELECT jsonb_pretty('{"a":[1,{"b":null}],"c":{}, "d": []}');
SELECT jsonb_set('{"a":{"b":1}}', '{a,b}', '2'), jsonb_set('{"a":1}', '{c}', '3'), jsonb_set('{"a":1}', '{c}', '3', false), jsonb_set('[1,2]', '{5}', '3'), jsonb_set('[1,2]', '{-1}', '3');
SELECT jsonb_strip_nulls('{"a":null,"b":[null,{"c":null}]}'), jsonb_extract_path_text('{"a":{"b":"x"}}', 'a', 'b'), jsonb_extract_path('{"a":{"b":"x"}}', 'a'), json_extract_path_text('{"a":[5]}', 'a', '0');
SELECT '{"a":1,"b":2}'::jsonb ?| array['b','z'], '{"a":1,"b":2}'::jsonb ?& array['b','z'], '["x"]'::jsonb ?| '{x}';
SELECT '{"a":{"b":[1,2]}}'::jsonb #> '{a,b}', '{"a":{"b":[1,2]}}'::jsonb #>> '{a,b,1}', '{"a":{"b":[1,2]}}'::jsonb #> '{a,x}', '{"a":[1,2]}'::jsonb #>> '{a,-1}';
CREATE TABLE json_t (id int, j json, b jsonb);
INSERT INTO json_t VALUES (1, '{"k": [1, 2]}', '{"k": [1, 2], "n": null}'), (2, '[]', '"s"'), (3, NULL, NULL);
SELECT id, j, b, b -> 'k', j ->> 'k' FROM json_t ORDER BY id;
SELECT id FROM json_t WHERE b @> '{"k":[2]}';
DROP TABLE json_t;
-- errors
-- difftest: differs: no CONTEXT line ("JSON data, line 1: ...") yet: DatabaseException has no context field
SELECT '{"a":}'::json;
-- difftest: differs: no CONTEXT line yet
SELECT '{"a":1'::jsonb;
-- difftest: differs: no CONTEXT line yet
SELECT 'nul'::json;
-- difftest: differs: no CONTEXT line yet
SELECT '[1,2,]'::json;
-- difftest: differs: no CONTEXT line yet
SELECT '{"a" 1}'::json;
-- difftest: differs: no CONTEXT line yet
SELECT '{"a":1} x'::jsonb;
SELECT jsonb_build_object('a');
SELECT jsonb_build_object(null, 1);
SELECT jsonb_array_length('{}');
SELECT jsonb_array_length('1');
SELECT json_array_length('{}');
SELECT '{"a":1}'::json = '{"a":1}'::json;
SELECT '"x"'::jsonb::int;
SELECT 'null'::jsonb::int;
SELECT '1'::jsonb::bool;
