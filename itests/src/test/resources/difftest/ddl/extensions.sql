-- CREATE / DROP / ALTER EXTENSION for the extensions migrations install (uuid-ossp, pgcrypto;
-- plpgsql is there from the start), psql's \dx, pg_available_extensions, the member functions and
-- the errors. Function results that are random are checked by shape.
\dx
SELECT extname, extversion, extrelocatable, extnamespace::regnamespace FROM pg_extension ORDER BY 1;
SELECT name, default_version, installed_version, comment FROM pg_available_extensions
WHERE name IN ('plpgsql', 'uuid-ossp', 'pgcrypto') ORDER BY 1;
CREATE EXTENSION plpgsql;
CREATE EXTENSION IF NOT EXISTS plpgsql;
SELECT uuid_generate_v4();
CREATE EXTENSION IF NOT EXISTS "uuid-ossp";
CREATE EXTENSION IF NOT EXISTS "uuid-ossp";
CREATE EXTENSION "uuid-ossp";
\dx
SELECT uuid_nil(), uuid_ns_dns(), uuid_ns_url(), uuid_ns_oid(), uuid_ns_x500();
SELECT uuid_generate_v3(uuid_ns_dns(), 'www.example.com'), uuid_generate_v5(uuid_ns_url(), 'http://www.postgresql.org');
SELECT uuid_generate_v3(uuid_nil(), ''), uuid_generate_v5(uuid_ns_oid(), 'ünïcode');
SELECT length(uuid_generate_v4()::text), substr(uuid_generate_v4()::text, 15, 1) AS version,
       substr(uuid_generate_v4()::text, 20, 1) IN ('8', '9', 'a', 'b') AS variant;
SELECT substr(uuid_generate_v1()::text, 15, 1) AS v1, substr(uuid_generate_v1mc()::text, 15, 1) AS v1mc;
SELECT count(DISTINCT uuid_generate_v4()) FROM generate_series(1, 100);
SELECT public.uuid_nil();
CREATE TABLE ext_items (id uuid PRIMARY KEY DEFAULT uuid_generate_v4(), name text);
INSERT INTO ext_items (name) VALUES ('a'), ('b');
SELECT count(*), count(DISTINCT id) FROM ext_items;
DROP TABLE ext_items;
DROP FUNCTION uuid_generate_v4();
SELECT proname, prolang, prosrc, provolatile, proisstrict FROM pg_proc
WHERE proname LIKE 'uuid%' AND prolang = 13 ORDER BY proname;
-- pgcrypto
CREATE EXTENSION pgcrypto WITH SCHEMA public;
SELECT digest('abc', 'sha256'), digest('abc'::bytea, 'SHA1'), digest('', 'md5');
SELECT encode(digest('The quick brown fox', 'sha512'), 'hex'), encode(digest('x', 'sha224'), 'hex'),
       encode(digest('x', 'sha384'), 'base64');
SELECT digest('abc', 'nope');
SELECT encode(hmac('what do ya want for nothing?', 'Jefe', 'md5'), 'hex'),
       hmac('abc', '', 'sha256'), hmac('abc'::bytea, 'key'::bytea, 'sha384');
SELECT length(gen_random_bytes(16)), length(gen_random_bytes(1024));
SELECT gen_random_bytes(0);
SELECT gen_random_bytes(1025);
SELECT length(gen_random_uuid()::text);
-- pg_get_expr names an extension's function with its schema when search_path does not reach it
-- (pg_dump's is empty), a built-in of the same name (gen_random_uuid) not
CREATE TABLE ext_defaults (a uuid DEFAULT gen_random_uuid(), b uuid DEFAULT uuid_generate_v4(), c bytea DEFAULT digest('x', 'md5'));
SET search_path = '';
SELECT a.attname, pg_get_expr(d.adbin, d.adrelid) FROM pg_catalog.pg_attrdef d
JOIN pg_catalog.pg_attribute a ON a.attrelid = d.adrelid AND a.attnum = d.adnum
WHERE d.adrelid = 'public.ext_defaults'::pg_catalog.regclass ORDER BY 1;
RESET search_path;
SELECT a.attname, pg_get_expr(d.adbin, d.adrelid) FROM pg_attrdef d
JOIN pg_attribute a ON a.attrelid = d.adrelid AND a.attnum = d.adnum
WHERE d.adrelid = 'ext_defaults'::regclass ORDER BY 1;
INSERT INTO ext_defaults DEFAULT VALUES;
SELECT count(*) FROM ext_defaults WHERE a IS NOT NULL AND b IS NOT NULL AND length(c) = 16;
DROP TABLE ext_defaults;
SELECT crypt('password', '$2a$06$abcdefghijklmnopqrstuu'), crypt('', '$2a$04$abcdefghijklmnopqrstuu');
SELECT crypt(repeat('long password ', 10), '$2a$05$abcdefghijklmnopqrstuu');
SELECT crypt('pässwörd', '$2a$04$abcdefghijklmnopqrstuu');
SELECT crypt('password', '$2x$06$abcdefghijklmnopqrstuu');
SELECT crypt('password', '$1$saltsalt'), crypt('password', '$1$sa'), crypt('', '$1$'),
       crypt('a much longer password than sixteen bytes', '$1$toolongsalt$ignored');
SELECT crypt('password', '$2a$06$short');
SELECT crypt('secret', gen_salt('bf')) ~ '^\$2a\$06\$.{53}$' AS bf,
       crypt('secret', gen_salt('bf', 4)) ~ '^\$2a\$04\$' AS bf4,
       crypt('secret', gen_salt('md5')) ~ '^\$1\$.{8}\$.{22}$' AS md5,
       gen_salt('BF') ~ '^\$2a\$06\$' AS upper;
SELECT h = crypt('secret', h) AS matches, h = crypt('Secret', h) AS other
FROM (SELECT crypt('secret', gen_salt('bf', 4)) AS h) s;
SELECT gen_salt('foo');
SELECT gen_salt('bf', 3);
SELECT gen_salt('bf', 32);
SELECT gen_salt('md5', 5);
\dx
SELECT extname, extversion FROM pg_extension ORDER BY 1;
SELECT name, installed_version FROM pg_available_extensions WHERE name IN ('uuid-ossp', 'pgcrypto') ORDER BY 1;
-- ALTER EXTENSION
ALTER EXTENSION pgcrypto UPDATE;
ALTER EXTENSION pgcrypto UPDATE TO '1.3';
ALTER EXTENSION pgcrypto UPDATE TO '9.9';
ALTER EXTENSION nope UPDATE;
CREATE SCHEMA ext_schema;
ALTER EXTENSION "uuid-ossp" SET SCHEMA ext_schema;
SELECT uuid_nil();
SELECT ext_schema.uuid_nil();
SELECT e.extname, n.nspname FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace ORDER BY 1;
ALTER EXTENSION plpgsql SET SCHEMA ext_schema;
COMMENT ON EXTENSION pgcrypto IS 'hashes and salts';
\dx pgcrypto
-- DROP
DROP SCHEMA ext_schema;
DROP SCHEMA ext_schema CASCADE;
SELECT extname FROM pg_extension ORDER BY 1;
DROP EXTENSION IF EXISTS nope, pgcrypto;
DROP EXTENSION pgcrypto;
SELECT digest('abc', 'sha256');
SELECT count(*) FROM pg_proc WHERE proname IN ('digest', 'crypt', 'uuid_nil');
-- transactional
BEGIN;
CREATE EXTENSION "uuid-ossp";
SELECT uuid_nil();
ROLLBACK;
SELECT uuid_nil();
CREATE EXTENSION "uuid-ossp" SCHEMA nosuch;
CREATE EXTENSION "uuid-ossp" VERSION '0.9';
CREATE EXTENSION plpgsql SCHEMA public;
-- difftest: differs: Tusk's DETAIL names no control file (its extensions are built in)
CREATE EXTENSION nope;
DROP EXTENSION nope;
CREATE EXTENSION "uuid-ossp" VERSION '1.1' CASCADE;
DROP EXTENSION "uuid-ossp" RESTRICT;
\dx
