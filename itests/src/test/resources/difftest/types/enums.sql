-- types/enums: CREATE TYPE ... AS ENUM, ALTER TYPE, DROP TYPE, enum values in columns, casts, ordering, indexes, arrays, catalogs
CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');
CREATE TYPE mood AS ENUM ('x');
CREATE TYPE empty_enum AS ENUM ();
select enum_range(null::empty_enum);
select enum_first(null::empty_enum);
select 'happy'::mood, 'sad'::mood < 'happy'::mood, 'ok'::mood = 'ok', 'ok' > 'happy'::mood;
select 'angry'::mood;
select pg_typeof('ok'::mood), 'ok'::mood::text, 'ok'::text::mood, 'ok'::varchar::mood, ('ok'::mood)::varchar(1);
select 'ok'::mood = 'ok'::text;
select 'ok'::mood || '!';
select enum_range(null::mood), enum_first(null::mood), enum_last('ok'::mood), enum_range('ok'::mood, null), enum_range(null, 'ok'::mood), enum_range('ok'::mood, 'happy'::mood);
select enum_first(1);
select pg_typeof(enum_range(null::mood)), array_length(enum_range(null::mood), 1);
CREATE TABLE person (name text, current_mood mood DEFAULT 'ok');
\d person
INSERT INTO person VALUES ('moe', 'happy'), ('larry', 'sad'), ('curly', 'ok'), ('shemp', NULL);
INSERT INTO person (name) VALUES ('joe');
INSERT INTO person VALUES ('bad', 'angry');
INSERT INTO person SELECT 'bad2', name FROM person LIMIT 1;
INSERT INTO person SELECT 'tx', 'sad'::text::mood;
SELECT * FROM person ORDER BY current_mood, name;
SELECT * FROM person ORDER BY current_mood DESC NULLS LAST, name;
SELECT * FROM person WHERE current_mood > 'sad' ORDER BY name;
SELECT * FROM person WHERE current_mood = 'happy';
SELECT * FROM person WHERE current_mood IN ('happy', 'sad') ORDER BY 1;
SELECT * FROM person WHERE current_mood BETWEEN 'ok' AND 'happy' ORDER BY 1;
SELECT min(current_mood), max(current_mood), count(DISTINCT current_mood) FROM person;
SELECT DISTINCT current_mood FROM person ORDER BY 1;
SELECT current_mood, count(*) FROM person GROUP BY current_mood ORDER BY current_mood;
SELECT current_mood::text AS t FROM person ORDER BY t;
UPDATE person SET current_mood = 'happy' WHERE name = 'larry';
SELECT name, current_mood FROM person WHERE current_mood = 'happy' ORDER BY name;
CREATE INDEX person_mood ON person (current_mood);
SELECT name FROM person WHERE current_mood = 'ok' ORDER BY name;
SELECT name, current_mood FROM person WHERE current_mood < 'happy' ORDER BY current_mood, name;
-- ADD VALUE: at the end, BEFORE, AFTER, IF NOT EXISTS
ALTER TYPE mood ADD VALUE 'ecstatic';
ALTER TYPE mood ADD VALUE 'meh' BEFORE 'ok';
ALTER TYPE mood ADD VALUE 'awful' BEFORE 'sad';
ALTER TYPE mood ADD VALUE 'content' AFTER 'ok';
ALTER TYPE mood ADD VALUE 'sad';
ALTER TYPE mood ADD VALUE IF NOT EXISTS 'sad';
ALTER TYPE mood ADD VALUE 'x' BEFORE 'nope';
ALTER TYPE nope ADD VALUE 'x';
select enum_range(null::mood);
select enumlabel, enumsortorder from pg_enum where enumtypid = 'mood'::regtype order by enumsortorder;
INSERT INTO person VALUES ('a', 'meh'), ('b', 'content'), ('c', 'awful'), ('d', 'ecstatic');
SELECT name, current_mood FROM person ORDER BY current_mood, name;
SELECT name, current_mood FROM person WHERE current_mood >= 'content' ORDER BY current_mood, name;
-- RENAME VALUE keeps stored values
ALTER TYPE mood RENAME VALUE 'meh' TO 'so-so';
ALTER TYPE mood RENAME VALUE 'nope' TO 'x';
ALTER TYPE mood RENAME VALUE 'ok' TO 'sad';
SELECT name, current_mood FROM person WHERE name = 'a';
select 'meh'::mood;
-- unique keys and primary keys on an enum column
CREATE TABLE mood_pk (m mood PRIMARY KEY, n int);
INSERT INTO mood_pk VALUES ('happy', 1), ('sad', 2);
INSERT INTO mood_pk VALUES ('happy', 3);
SELECT * FROM mood_pk ORDER BY m;
-- arrays
select '{sad,happy}'::mood[], ARRAY['ok', 'sad']::mood[], pg_typeof('{sad}'::mood[]);
select '{sad,nope}'::mood[];
select 'ok'::mood = ANY ('{sad,ok}'::mood[]), 'happy'::mood = ANY (enum_range(null::mood, 'ok'));
CREATE TABLE mood_arr (ms mood[]);
INSERT INTO mood_arr VALUES ('{ok,happy}'), (ARRAY['sad'::mood]);
SELECT ms, ms[1] FROM mood_arr ORDER BY 1;
SELECT array_agg(current_mood ORDER BY current_mood) FROM person WHERE current_mood IS NOT NULL;
-- catalogs
select typname, typtype, typcategory, typlen, typarray <> 0 as has_array, typnamespace::regnamespace from pg_type where typname in ('mood', '_mood', 'empty_enum') order by typname;
select t.typname, e.typname as elem from pg_type t join pg_type e on t.typelem = e.oid where t.typname = '_mood';
select 'mood'::regtype, 'mood[]'::regtype, format_type('mood'::regtype, -1), format_type('_mood'::regtype, null);
select atttypid::regtype from pg_attribute where attrelid = 'person'::regclass and attname = 'current_mood';
\dT
\dT+ mood
-- casts of other types are refused
select 1::mood;
select 'ok'::mood::int;
-- PREPARE with an enum parameter
PREPARE p(mood) AS SELECT name FROM person WHERE current_mood = $1 ORDER BY name;
EXECUTE p('happy');
EXECUTE p('nope');
DEALLOCATE p;
-- functions over an enum
CREATE FUNCTION next_mood(m mood) RETURNS mood LANGUAGE sql AS $$ SELECT CASE WHEN m = 'sad' THEN 'ok'::mood ELSE 'happy'::mood END $$;
SELECT next_mood('sad'), pg_typeof(next_mood('sad')), next_mood(current_mood) FROM person WHERE name = 'moe';
\df next_mood
DO $$ DECLARE m mood := 'ok'; BEGIN RAISE NOTICE 'm is %, next %', m, next_mood(m); END $$;
DROP FUNCTION next_mood(mood);
-- a transaction rolled back leaves no type
BEGIN;
CREATE TYPE rolled AS ENUM ('a');
select 'a'::rolled;
ROLLBACK;
select 'a'::rolled;
-- new values cannot be used before commit (55P04), unless the type is new too
BEGIN;
ALTER TYPE mood ADD VALUE 'fresh';
select 'fresh'::mood;
ROLLBACK;
BEGIN;
CREATE TYPE newer AS ENUM ('a');
ALTER TYPE newer ADD VALUE 'b';
select 'b'::newer;
COMMIT;
-- schemas, RENAME TO, SET SCHEMA
CREATE SCHEMA enum_s;
CREATE TYPE enum_s.color AS ENUM ('red', 'green');
select 'red'::enum_s.color, pg_typeof('red'::enum_s.color);
ALTER TYPE enum_s.color RENAME TO colour;
select 'red'::enum_s.colour;
ALTER TYPE enum_s.colour SET SCHEMA public;
select 'green'::colour, pg_typeof('green'::colour);
ALTER TYPE colour RENAME TO mood;
-- DROP TYPE
DROP TYPE mood;
DROP TYPE mood, nope;
DROP TYPE IF EXISTS nope, colour;
DROP TYPE newer, empty_enum;
DROP TYPE mood CASCADE;
\d person
SELECT * FROM person ORDER BY name;
DROP TABLE person, mood_pk, mood_arr;
CREATE TYPE enum_s.shade AS ENUM ('light', 'dark');
CREATE TABLE enum_s.paint (s enum_s.shade);
CREATE TABLE enum_s.paint2 AS SELECT 'dark'::enum_s.shade AS s, ARRAY['light'::enum_s.shade] AS a;
CREATE TABLE enum_s.paint3 (LIKE enum_s.paint2);
\d enum_s.paint3
SELECT * FROM enum_s.paint2;
DROP SCHEMA enum_s;
DROP SCHEMA enum_s CASCADE;
select 'light'::enum_s.shade;
DROP TYPE int4;
DROP TYPE empty_enum;
