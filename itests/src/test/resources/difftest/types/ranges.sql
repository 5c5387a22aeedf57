-- Built-in range types: I/O, constructors, canonical forms, operators, functions, tables, errors.
SELECT '[1,5)'::int4range, '(1,5]'::int4range, '[1,5]'::int8range, '(,)'::int4range, 'empty'::int4range;
SELECT ' [ 1 , 5 ) '::int4range, '(3,3)'::int4range, '[3,3]'::int4range, '(2,3)'::int4range;
SELECT '[1.5,2.25]'::numrange, '(,3.0)'::numrange, '[,]'::numrange, 'EMPTY'::numrange;
SELECT '[2020-01-01,2020-02-01]'::daterange, '(2020-01-01,infinity)'::daterange;
SELECT '["2020-01-01 10:00","2020-01-02 00:00")'::tsrange, '[2020-01-01 10:00+02,)'::tstzrange;
SELECT int4range(1, 10), int4range(1, 10, '(]'), int4range(NULL, 10, '[]'), int4range(5, NULL);
SELECT int8range(1, 2, '()'), numrange(1.5, 2.5, '[]'), daterange('2021-01-01', '2021-01-05', '(]');
SELECT tsrange('2020-01-01', '2020-01-02'), tstzrange('2020-01-01 00:00+00', NULL, '[]');
SELECT numrange(1, 1), numrange(1, 1, '[]'), int4range(2, 2, '[]');
SELECT '["a b",c)'::numrange;
SELECT '[1,2'::int4range;
SELECT '1,2)'::int4range;
SELECT '[1 2)'::int4range;
SELECT '[1,2,3)'::int4range;
SELECT '[1,2) x'::int4range;
SELECT 'empty x'::int4range;
SELECT '[5,1)'::int4range;
SELECT int4range(5, 1);
SELECT int4range(1, 5, 'xx');
SELECT int4range(1, 5, NULL);
SELECT '[1,2147483647]'::int4range;
SELECT lower(int4range(1, 5)), upper(int4range(1, 5)), lower('(,5)'::int4range), upper('empty'::int4range);
SELECT isempty('empty'::int4range), isempty(int4range(1, 2)), lower_inc('[1,2)'::numrange), upper_inc('[1,2]'::numrange);
SELECT lower_inf('(,2)'::numrange), upper_inf('(,2)'::numrange), lower_inf('empty'::numrange), upper_inc('empty'::numrange);
SELECT int4range(1, 10) @> 5, int4range(1, 10) @> 10, 5 <@ int4range(1, 10), int4range(1, 10) @> int4range(2, 3);
SELECT int4range(2, 3) <@ int4range(1, 10), int4range(1, 10) @> 'empty'::int4range, 'empty'::int4range @> 1;
SELECT numrange(1, 5) && numrange(4, 6), numrange(1, 5) && numrange(5, 6), numrange(1, 5, '[]') && numrange(5, 6);
SELECT int4range(1, 5) << int4range(5, 6), int4range(1, 5) >> int4range(5, 6), int4range(7, 9) >> int4range(1, 5);
SELECT int4range(1, 5) &< int4range(2, 6), int4range(1, 5) &> int4range(2, 6), int4range(3, 5) &> int4range(2, 6);
SELECT numrange(1, 2) -|- numrange(2, 3), numrange(1, 2, '[]') -|- numrange(2, 3), int4range(1, 2, '[]') -|- int4range(3, 4);
SELECT int4range(1, 5) + int4range(3, 8), int4range(1, 5) + int4range(5, 8), int4range(1, 5) * int4range(3, 8);
SELECT int4range(1, 5) * int4range(6, 8), int4range(1, 10) - int4range(5, 20), int4range(1, 10) - int4range(-5, 3);
SELECT int4range(1, 10) - int4range(0, 20), int4range(1, 10) - int4range(20, 30), numrange(1, 10) - numrange(5, 10, '(]');
SELECT int4range(1, 5) + int4range(7, 8);
SELECT int4range(1, 10) - int4range(3, 5);
SELECT range_merge(int4range(1, 5), int4range(7, 8)), range_merge('empty'::int4range, int4range(1, 2));
SELECT int4range(1, 5) = int4range(1, 5), int4range(1, 5) = '[1,4]', int4range(1, 5) <> int4range(1, 6);
SELECT numrange(1, 5) < numrange(1, 6), numrange(1, 5) < numrange(2, 3), 'empty'::numrange < numrange(1, 2);
SELECT '(1,5)'::numrange > '[1,5)'::numrange, '(,5)'::numrange <= '[1,5)'::numrange, numrange(1, 5) >= numrange(1, 5);
SELECT pg_typeof(int4range(1, 2)), pg_typeof(numrange(1, 2)), pg_typeof(lower(daterange('2020-01-01', '2020-01-03')));
SELECT format_type('int4range'::regtype, NULL), format_type('tstzrange'::regtype, NULL), 'int8range[]'::regtype;
SELECT '{"[1,2)","(3,5]",empty}'::int4range[], ARRAY[int4range(1, 2), NULL];
SELECT 'int4range'::regtype::oid, 'numrange'::regtype::oid, 'daterange[]'::regtype::oid;
SELECT '[1,5)'::int4range::text, '[1,5)'::text::int4range, CAST(numrange(1, 2) AS varchar);
SELECT t.typname, t.typtype, t.typcategory, t.typlen, t.typalign, t.typstorage, t.typinput, t.typoutput, t.typreceive, t.typsend
  FROM pg_type t WHERE t.typtype = 'r' ORDER BY t.oid;
SELECT rngtypid::regtype, rngsubtype::regtype, rngcanonical, rngsubdiff FROM pg_range ORDER BY rngtypid;
CREATE TABLE ranges_t (id int PRIMARY KEY, r int4range, d daterange, n numrange, rs int4range[]);
INSERT INTO ranges_t VALUES (1, '[1,5)', '[2020-01-01,2020-01-10)', '[1.5,2)', '{"[1,2)"}'),
  (2, int4range(3, 8), daterange('2020-01-05', NULL), '(,0]', ARRAY['[3,4)'::int4range, 'empty']),
  (3, 'empty', NULL, 'empty', NULL), (4, '(0,5]', 'empty', numrange(1, 1, '[]'), '{}'), (5, NULL, '(,)', NULL, NULL);
SELECT * FROM ranges_t ORDER BY id;
SELECT id, r FROM ranges_t ORDER BY r, id;
SELECT id, r FROM ranges_t ORDER BY r DESC NULLS LAST, id;
SELECT DISTINCT r FROM ranges_t ORDER BY r;
SELECT r, count(*) FROM ranges_t GROUP BY r ORDER BY r;
SELECT id FROM ranges_t WHERE r @> 4 ORDER BY id;
SELECT id FROM ranges_t WHERE r && int4range(6, 7) ORDER BY id;
SELECT id FROM ranges_t WHERE d @> '2020-01-07'::date ORDER BY id;
UPDATE ranges_t SET r = r * int4range(2, 4) WHERE id <= 2;
SELECT id, r, lower(r), upper(r), isempty(r) FROM ranges_t ORDER BY id;
SELECT id, unnest(rs) FROM ranges_t WHERE rs IS NOT NULL ORDER BY id, 2;
CREATE INDEX ranges_t_r ON ranges_t (r);
SELECT id FROM ranges_t WHERE r = '[2,4)' ORDER BY id;
INSERT INTO ranges_t VALUES (6, '[9,1)');
-- difftest: pending exclusion constraints (GiST): refused with 0A000
CREATE TABLE ranges_ex (r tsrange, EXCLUDE USING gist (r WITH &&));
-- difftest: pending exclusion constraints (GiST): refused with 0A000
CREATE TABLE ranges_ex2 (r tsrange, CONSTRAINT ranges_ex_x EXCLUDE USING gist (r WITH &&));
-- difftest: pending exclusion constraints: the tables above exist only on PostgreSQL
DROP TABLE IF EXISTS ranges_ex, ranges_ex2;
DROP TABLE ranges_t;
