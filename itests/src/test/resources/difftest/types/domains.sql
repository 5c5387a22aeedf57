-- types/domains: CREATE / ALTER / DROP DOMAIN, columns of domain type, checks on INSERT / UPDATE / COPY / casts, defaults, catalogs
CREATE DOMAIN posint AS integer CHECK (VALUE > 0);
CREATE DOMAIN posint AS integer;
CREATE DOMAIN us_zip text CONSTRAINT zip_format CHECK (VALUE ~ '^[0-9]{5}$'::text) NOT NULL;
CREATE DOMAIN short_name varchar(5) DEFAULT 'anon';
CREATE DOMAIN price numeric(6,2) CHECK (VALUE >= 0::numeric) CHECK (VALUE < 1000::numeric);
CREATE DOMAIN bad_dom integer NULL NOT NULL;
CREATE DOMAIN bad_dom2 integer CHECK (x > 0);
CREATE DOMAIN bad_dom3 integer DEFAULT 'abc';
CREATE DOMAIN bad_dom4 nosuchtype;
select 5::posint, pg_typeof(5::posint), 5::posint + 1, pg_typeof(5::posint + 1), pg_typeof(5::posint * 2::posint);
select (-1)::posint;
select 0::posint;
select NULL::posint, NULL::us_zip IS NULL;
select '12345'::us_zip, 'abc'::us_zip;
select 'abcdefgh'::short_name, pg_typeof('abc'::short_name);
select 12.345::price, 1000::price;
select 3::posint = 3, 3::posint < 4::posint, 3::posint::text, 3::posint::bigint, abs((-3)::integer)::posint;
CREATE TABLE dom_t (id posint PRIMARY KEY, zip us_zip, name short_name, p price, plain int);
\d dom_t
INSERT INTO dom_t VALUES (1, '12345', 'bob', 10.5, 1);
INSERT INTO dom_t VALUES (0, '12345', 'bob', 10.5, 1);
INSERT INTO dom_t VALUES (2, '1234', 'bob', 10.5, 1);
INSERT INTO dom_t VALUES (3, NULL, 'bob', 10.5, 1);
INSERT INTO dom_t (id) VALUES (4);
INSERT INTO dom_t (id, zip) VALUES (5, '54321');
INSERT INTO dom_t VALUES (6, '11111', 'toolongname', 1, 1);
INSERT INTO dom_t VALUES (7, '11111', 'x', 2000, 1);
SELECT * FROM dom_t ORDER BY id;
UPDATE dom_t SET id = -5 WHERE id = 1;
UPDATE dom_t SET p = p + 1 WHERE id = 1 RETURNING p, pg_typeof(p);
UPDATE dom_t SET zip = NULL WHERE id = 1;
SELECT id + plain AS s, pg_typeof(id + plain), max(id), sum(p) FROM dom_t GROUP BY id, plain ORDER BY id;
SELECT * FROM dom_t WHERE id = 5;
SELECT * FROM dom_t WHERE zip LIKE '5%';
COPY dom_t (id, zip) FROM stdin;
8	99999
\.
COPY dom_t (id, zip) FROM stdin;
9	9999
\.
COPY dom_t (id, zip) FROM stdin;
-1	99999
\.
COPY dom_t (id, zip) FROM stdin;
13	\N
\.
SELECT id, zip, name FROM dom_t ORDER BY id;
-- PREPARE with a domain parameter
PREPARE dp(posint) AS SELECT $1 + 1;
EXECUTE dp(3);
EXECUTE dp(-3);
DEALLOCATE dp;
-- functions over a domain
CREATE FUNCTION twice(x posint) RETURNS int LANGUAGE plpgsql AS $$ BEGIN RETURN x * 2; END $$;
SELECT twice(4), twice(id) FROM dom_t WHERE id = 5;
SELECT twice(-4);
\df twice
DO $$ DECLARE d posint := 3; BEGIN RAISE NOTICE 'd is %', d + 1; END $$;
DROP FUNCTION twice;
-- ALTER DOMAIN
ALTER DOMAIN posint ADD CONSTRAINT posint_small CHECK (VALUE < 100);
ALTER DOMAIN posint ADD CONSTRAINT posint_tiny CHECK (VALUE < 3);
ALTER DOMAIN posint ADD CHECK (VALUE <> 50);
INSERT INTO dom_t (id, zip) VALUES (100, '12345');
INSERT INTO dom_t (id, zip) VALUES (50, '12345');
ALTER DOMAIN posint DROP CONSTRAINT posint_check1;
ALTER DOMAIN posint DROP CONSTRAINT nope;
ALTER DOMAIN posint DROP CONSTRAINT IF EXISTS nope;
ALTER DOMAIN posint RENAME CONSTRAINT posint_small TO posint_lt100;
ALTER DOMAIN posint RENAME CONSTRAINT nope TO x;
select 150::posint;
ALTER DOMAIN short_name SET DEFAULT 'anyone';
INSERT INTO dom_t (id, zip) VALUES (10, '12345');
ALTER DOMAIN short_name DROP DEFAULT;
INSERT INTO dom_t (id, zip) VALUES (11, '12345');
SELECT id, name FROM dom_t WHERE id >= 10 ORDER BY id;
ALTER DOMAIN short_name SET NOT NULL;
UPDATE dom_t SET name = 'n' WHERE name IS NULL;
ALTER DOMAIN short_name SET NOT NULL;
INSERT INTO dom_t (id, zip) VALUES (12, '12345');
ALTER DOMAIN short_name DROP NOT NULL;
INSERT INTO dom_t (id, zip) VALUES (12, '12345');
ALTER DOMAIN us_zip DROP NOT NULL;
ALTER DOMAIN nope SET NOT NULL;
ALTER DOMAIN plain_int SET NOT NULL;
-- catalogs and psql
select typname, typtype, typbasetype::regtype, typtypmod, typnotnull, typdefault from pg_type where typname in ('posint', 'us_zip', 'short_name', 'price') order by typname;
select conname, contype, pg_get_constraintdef(oid) from pg_constraint where contypid = 'posint'::regtype order by conname;
select format_type('short_name'::regtype, -1), 'price'::regtype, pg_typeof(1::posint);
\dD
\d dom_t
-- domains over enums and arrays
CREATE TYPE dom_mood AS ENUM ('sad', 'ok', 'happy');
CREATE DOMAIN good_mood AS dom_mood CHECK (VALUE > 'sad');
select 'ok'::good_mood, 'ok'::good_mood < 'happy'::good_mood, pg_typeof('happy'::good_mood);
select 'sad'::good_mood;
CREATE DOMAIN int_list AS int[] CHECK (cardinality(VALUE) < 3);
select '{1,2}'::int_list, ('{1,2}'::int_list)[1];
select '{1,2,3}'::int_list;
-- RENAME, DROP
ALTER DOMAIN price RENAME TO cost;
select 1::cost;
DROP DOMAIN posint;
DROP DOMAIN IF EXISTS nope;
DROP DOMAIN nope;
DROP DOMAIN dom_mood;
CREATE DOMAIN better_mood AS good_mood CHECK (VALUE IS NOT NULL);
CREATE TABLE dom_m (gm good_mood, bm better_mood, n int);
DROP TYPE dom_mood;
DROP TYPE dom_mood CASCADE;
\d dom_m
DROP TABLE dom_m;
DROP DOMAIN posint CASCADE;
\d dom_t
DROP TABLE dom_t;
DROP DOMAIN us_zip, short_name, cost, int_list;
