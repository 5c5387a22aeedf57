-- Array and range operators over one-dimensional arrays: array_cmp order with NULL elements, @> <@ &&, || forms, and polymorphic signatures that take no implicit cast (42883).
select array[1,2,3] = array[1,2,3], array[1,2] < array[1,2,3], array[1,3] > array[1,2,3], array[1,null] = array[1,null], array[1,null] < array[1,2], array[null::int] > array[5];
select '{}'::int[] = '{}'::int[], '{}'::int[] < '{1}'::int[], array[null::int] > '{}'::int[], array['a','b'] >= array['a'], array[1.5,2] <= array[1.5,2.0];
select '{1,2}'::int[] = '{1,2}', '{1,2}' <> '{1,3}'::int[], array[true,false] > array[true];
select array[1,2,3] @> array[2,3], array[1,2] <@ array[1,2,3], array[1,2] && array[2,5], array[1,null] @> array[null::int], array[]::int[] <@ array[1], array[1,2] && array[]::int[];
select array[1,2] || array[3], array[1,2] || 3, 0 || array[1,2], array[1,2] || null, null || array[1,2], array[1,2] || '{}'::int[], '{}'::int[] || array[1];
select array[1,2] || '{3}', '{3}' || array[1,2], pg_typeof(array[1,2] || 3::int8), array[1,2]::int8[] || 3;
select array[1,2] <> array[1,2]::int8[];
select array[1,2]::int2[] = array[1,2];
select array[1,2] @> array[1.0];
select array['a'] @> array['a'::varchar];
select array[1,2] = array[1,2]::numeric[];
select array['a','b']::text[] < array['a','c']::varchar[];
select array[1,2] && array[1::int8];
-- ranges
select int4range(1,5) = int4range(1,5), int4range(1,5) < int4range(2,3), int4range(1,5) <> int4range(1,6), int4range(1,5) >= int4range(1,5), int4range(1,5) > 'empty', int4range(1,5) <= int4range(1,3);
select int4range(1,5) @> 3, int4range(1,5) @> int4range(2,3), 3 <@ int4range(1,5), int4range(2,3) <@ int4range(1,5), int4range(1,5) @> '4';
select int4range(1,5) && int4range(4,8), int4range(1,5) << int4range(6,8), int4range(6,8) >> int4range(1,5), int4range(1,5) &< int4range(2,8), int4range(3,9) &> int4range(2,8), int4range(1,5) -|- int4range(5,8);
select int4range(1,5) + int4range(4,8), int4range(1,5) * int4range(4,8), int4range(1,8) - int4range(4,6);
select int4range(1,5) + int4range(7,8);
select int4range(1,10) - int4range(4,6);
select int8range(1,5) @> 3::int8, numrange(1,5) @> 3.5, daterange('2020-01-01','2020-02-01') @> '2020-01-05'::date, tstzrange('2020-01-01','2020-02-01') @> '2020-01-05'::timestamptz;
select int8range(1,5) @> 3;
select int4range(1,5) @> 3::int8;
select daterange('2020-01-01','2020-02-01') @> '2020-01-05'::timestamp;
select int4range(1,5) = int8range(1,5);
select 3::int8 <@ int4range(1,5);
