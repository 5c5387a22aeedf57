-- types/json_delete_and_date_bin: jsonb #- path and jsonb - text[] (deleting what applications patch out of documents), and date_bin for time-bucketed reports, with their errors
SELECT '{"a":1,"b":{"c":2,"d":3}}'::jsonb #- '{b,c}' AS nested, '{"a":1}'::jsonb #- '{a}' AS top, '{"a":1}'::jsonb #- '{x,y}' AS missing;
SELECT '[1,[2,3],4]'::jsonb #- '{1,0}' AS in_array, '[1,2,3]'::jsonb #- '{-1}' AS from_end, '[1,2,3]'::jsonb #- '{}' AS empty_path;
SELECT '{"a":1,"b":2,"c":3}'::jsonb - '{a,c}'::text[] AS keys, '{"a":1}'::jsonb - 'a' AS key, '[1,2,3]'::jsonb - 1 AS idx;
SELECT date_bin('15 minutes', TIMESTAMP '2024-01-01 10:07:30', TIMESTAMP '2000-01-01') AS quarter,
       date_bin('1 hour', TIMESTAMP '2024-01-01 08:30', TIMESTAMP '2024-01-01 10:00') AS before_origin,
       date_bin('1 day', TIMESTAMP '2024-03-05 23:59', TIMESTAMP '2024-01-01 06:00') AS shifted,
       date_bin('1 hour', 'infinity'::timestamp, TIMESTAMP '2000-01-01') AS inf;
SELECT date_bin('30 minutes', TIMESTAMPTZ '2024-01-01 10:45:00+00', TIMESTAMPTZ '2024-01-01 00:00:00+00');
SELECT date_bin('5 minutes', ts, TIMESTAMP '2024-01-01') AS bucket, count(*)
  FROM (VALUES (TIMESTAMP '2024-01-01 00:01'), ('2024-01-01 00:04'), ('2024-01-01 00:06'), ('2024-01-01 00:11')) v(ts)
  GROUP BY 1 ORDER BY 1;
-- errors
SELECT '1'::jsonb #- '{a}';
SELECT '[1,2]'::jsonb #- '{x}';
SELECT '{"a":1}'::jsonb #- ARRAY['a', NULL];
SELECT date_bin('1 month', TIMESTAMP '2024-01-01', TIMESTAMP '2024-01-01');
SELECT date_bin('0 hours', TIMESTAMP '2024-01-01', TIMESTAMP '2024-01-01');
SELECT date_bin('1 hour', TIMESTAMP '2024-01-01', 'infinity'::timestamp);
