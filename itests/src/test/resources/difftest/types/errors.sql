-- types/errors: the data errors of the types with their SQLSTATE: 22P02, 22003, 22001, 22007, 22008, 22012, 22023, 42804, 42883
-- 22P02 invalid text representation
SELECT 'x'::smallint;
SELECT '1.5'::bigint;
SELECT 'abc'::numeric;
SELECT 'yes please'::boolean;
SELECT 'zz'::uuid;
-- difftest: differs: no CONTEXT line ("JSON data, line 1: ...") yet: DatabaseException has no context field
SELECT '{"a":1,}'::jsonb;
SELECT '{1,2'::int[];
SELECT 'x'::float8;
-- 22003 numeric value out of range
SELECT 32767::smallint * 2::smallint;
SELECT -2147483648 - 1;
SELECT 9223372036854775807::bigint * 2;
SELECT 70000::int::smallint;
SELECT 1e19::bigint;
SELECT 999.995::numeric(5,2);
SELECT 'Infinity'::numeric(4,1);
SELECT '1e39'::real;
SELECT 1e308::float8 * 10;
-- 22001 string data right truncation
CREATE TABLE errors_t (v varchar(3), c char(2));
INSERT INTO errors_t VALUES ('abcd', 'a');
INSERT INTO errors_t VALUES ('abc', 'abc');
INSERT INTO errors_t VALUES ('abc  ', 'ab  ');
SELECT v, c, length(c) FROM errors_t;
UPDATE errors_t SET v = v || 'x';
DROP TABLE errors_t;
-- 22007 / 22008 date/time
SELECT 'tomorrow-ish'::date;
SELECT '2024-02-30'::date;
SELECT '2024-01-01 25:00'::timestamp;
SELECT '99:00'::time;
SELECT 'x'::interval;
SELECT make_date(2024, 13, 1);
SELECT timestamp 'infinity' - timestamp '2024-01-01';
-- 22012 division by zero
SELECT 1 / 0;
SELECT 1::smallint / 0::smallint;
SELECT 1::bigint % 0;
SELECT 1.5 / 0;
SELECT 2.0::float8 / 0;
SELECT interval '1 day' / 0;
-- 22023 invalid parameter value
SELECT jsonb_array_length('{}');
SELECT jsonb_build_object(1);
SELECT format('%s');
-- 42804 / 42883
SELECT (ARRAY[1])['x'];
SELECT 1 + 'a'::text;
SELECT '{}'::json = '{}'::json;
SELECT length(1);
SELECT ARRAY[1] || ARRAY['a'];
