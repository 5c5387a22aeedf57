-- json_build_object / json_build_array / json_object_agg keep array_to_json's compact form for an
-- array inside (only their own separators are spaced), and array_to_json with and without pretty.
select json_build_object('a', '{"x": 1,  "y":[1,2]}'::json, 'b', array[1,2], 'c', row(1,'a'), 'd', '{"k":1}'::jsonb, 'e', array['{"q":1}'::json]);
select json_build_array(1, array[1,2], '{"x":  1}'::json, row(1,2));
select to_json(array[1,2]), to_json(row(1,array[1,2])), to_json('{"x":  1}'::json);
select json_agg(x) from (values (array[1,2]), (array[3])) v(x);
select json_object_agg(k, v) from (values ('a', array[1,2])) t(k, v);
select row_to_json(row(1, array[1,2], '{"a":  2}'::json));
select array_to_json(array[1,2]), array_to_json(array['a','b'], true), array_to_json('{}'::int[]);
select array_to_json(array[1.5::float8, null]), array_to_json(array['{"a": 1}'::jsonb]);
