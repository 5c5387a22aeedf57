-- CREATE TYPE ... AS RANGE: user-defined range types, their multiranges in pg_type, columns, DROP TYPE.
CREATE TYPE rt_float AS RANGE (subtype = float8, subtype_diff = float8mi);
CREATE TYPE rt_textrange AS RANGE (subtype = text);
CREATE TYPE rt_named AS RANGE (subtype = int4, multirange_type_name = rt_named_multi);
SELECT '[1.5,2.5)'::rt_float, rt_float(1, 2.5), rt_float(1, 2, '[]'), 'empty'::rt_float, '(,3]'::rt_float;
SELECT rt_textrange('a', 'm') @> 'c'::text, '["a b",z]'::rt_textrange, rt_textrange('b', 'a');
SELECT '(1,5]'::rt_named, rt_named(1, 5) && rt_named(4, 9), lower(rt_named(2, 3)), upper_inc(rt_named(2, 3, '[]'));
SELECT rt_float(1, 3) + rt_float(2, 5), rt_float(1, 3) * rt_float(2, 5), rt_float(1, 5) - rt_float(2, 8);
SELECT pg_typeof(rt_float(1, 2)), pg_typeof(lower(rt_textrange('a', 'b'))), format_type('rt_float'::regtype, NULL);
SELECT typname, typtype, typcategory FROM pg_type WHERE typname LIKE 'rt\_%' OR typname LIKE '\_rt\_%' ORDER BY typname;
SELECT rngtypid::regtype, rngsubtype::regtype, rngmultitypid::regtype, rngsubdiff FROM pg_range
  WHERE rngtypid::regtype::text LIKE 'rt\_%' ORDER BY 1::text;
\dT rt_*
CREATE TABLE rt_t (id int, f rt_float, fs rt_float[]);
INSERT INTO rt_t VALUES (1, '[1,2)', '{"[1,2)",empty}'), (2, rt_float(0.5, NULL), NULL), (3, 'empty', '{}');
SELECT * FROM rt_t ORDER BY f;
SELECT id FROM rt_t WHERE f @> 1.5::float8 ORDER BY id;
CREATE TYPE rt_float AS RANGE (subtype = float8);
CREATE TYPE rt_bad AS RANGE (subtype = int4, subtype = int8);
CREATE TYPE rt_bad AS RANGE (subtype = int4, foo = bar);
CREATE TYPE rt_bad AS RANGE (subtype_diff = float8mi);
CREATE TYPE rt_bad AS RANGE (subtype = nosuchtype);
CREATE TYPE rt_bad AS RANGE (subtype = float8, subtype_diff = nosuchfn);
CREATE TYPE rt_bad AS RANGE (subtype = int4, canonical = nosuchfn);
CREATE TYPE rt_bad AS RANGE (subtype = int4, collation = "C");
CREATE TYPE rt_named2range AS RANGE (subtype = int4, multirange_type_name = rt_named_multi);
DROP TYPE rt_named_multi;
DROP TYPE rt_float;
DROP TYPE rt_float CASCADE;
SELECT * FROM rt_t ORDER BY id;
DROP TABLE rt_t;
DROP TYPE rt_textrange, rt_named;
SELECT count(*) FROM pg_type WHERE typname LIKE 'rt\_%';
