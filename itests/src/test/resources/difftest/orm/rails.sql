-- Rails' ActiveRecord PostgreSQL adapter (6.1): the connect-time settings (IntervalStyle iso_8601 among them) and pg_type loading (typinput compared with array_in as a regprocedure), then data_source lookups, columns, primary keys, indexes, foreign keys, check constraints, table comments, pk_and_sequence_for, pg_get_serial_sequence and the migration advisory lock.
create schema orm_ar;
create table orm_ar.orm_ar_parent (id bigserial primary key, code varchar(12) not null, price numeric(8,2) default 0 check (price >= 0), created timestamptz default now(), span interval);
create table orm_ar.orm_ar_child (id serial primary key, parent_id bigint references orm_ar.orm_ar_parent(id) on delete cascade, code varchar(12));
create unique index index_orm_ar_parent_on_code on orm_ar.orm_ar_parent (code);
create index index_orm_ar_child_on_parent_id on orm_ar.orm_ar_child (parent_id desc);
comment on table orm_ar.orm_ar_parent is 'parents';
comment on column orm_ar.orm_ar_parent.code is 'the code';
SET client_min_messages TO 'warning';
SET search_path TO orm_ar,public;
SET standard_conforming_strings = on;
SET intervalstyle = iso_8601;
SET SESSION timezone TO 'UTC';
show intervalstyle;
select interval '1 year 2 months 3 days 04:05:06.5', interval '0', interval '-1 day -00:00:01.25', interval '1 day -1 hour', interval '-3 months', interval '00:00:00.000001';
insert into orm_ar_parent (code, span) values ('a', 'P1Y2M3DT4H5M6S'), ('b', 'PT0.5S');
select code, span from orm_ar_parent order by id;
-- load the type map
SELECT t.oid = t.oid AS known, t.typname
FROM pg_type as t
WHERE t.typname IN ('int2', 'int4', 'int8', 'oid', 'float4', 'float8', 'numeric', 'bool', 'timestamp', 'timestamptz')
ORDER BY t.typname;
-- (the common base types and their arrays of the answer: PostgreSQL has more types, and a row type per table)
SELECT * FROM (
SELECT t.typname, t.typelem <> 0 AS has_elem, t.typdelim, t.typinput, r.rngsubtype, t.typtype, t.typbasetype
FROM pg_type as t
LEFT JOIN pg_range as r ON oid = rngtypid
WHERE
  t.typname IN ('int2', 'int4', 'int8', 'oid', 'float4', 'float8', 'text', 'varchar', 'char', 'name', 'bpchar', 'bool', 'bit', 'varbit', 'timestamptz', 'date', 'money', 'bytea', 'point', 'hstore', 'json', 'jsonb', 'cidr', 'inet', 'uuid', 'xml', 'tsvector', 'macaddr', 'citext', 'ltree', 'line', 'lseg', 'box', 'path', 'polygon', 'circle', 'time', 'timestamp', 'numeric', 'interval')
  OR t.typtype IN ('r', 'e', 'd')
  OR t.typinput = 'array_in(cstring,oid,integer)'::regprocedure
  OR t.typelem != 0
) types
WHERE typname IN ('int2', 'int4', 'int8', 'oid', 'float4', 'float8', 'text', 'varchar', 'bpchar', 'bool', 'date', 'bytea', 'json', 'jsonb', 'inet', 'uuid', 'time', 'timestamp', 'timestamptz', 'numeric', 'interval', '_int4', '_text', '_int8', '_varchar', '_numeric', '_jsonb', '_uuid', '_timestamptz', '_bool')
ORDER BY typname COLLATE "C";
SHOW TIME ZONE;
SELECT 1;
-- tables, views, data_source_exists?
SELECT c.relname FROM pg_class c LEFT JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = ANY (current_schemas(false)) AND c.relkind IN ('r','p') AND c.relname LIKE 'orm_ar%' ORDER BY 1;
SELECT c.relname FROM pg_class c LEFT JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = ANY (current_schemas(false)) AND c.relkind IN ('v','m') AND c.relname LIKE 'orm_ar%';
SELECT c.relname FROM pg_class c LEFT JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = ANY (current_schemas(false)) AND c.relname = 'orm_ar_parent' AND c.relkind IN ('r','v','m','p','f');
SELECT c.relname FROM pg_class c LEFT JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = ANY (current_schemas(false)) AND c.relname = 'orm_ar_nope' AND c.relkind IN ('r','p');
-- columns
SELECT a.attname, format_type(a.atttypid, a.atttypmod),
       pg_get_expr(d.adbin, d.adrelid), a.attnotnull, a.atttypid, a.atttypmod,
       c.collname, col_description(a.attrelid, a.attnum) AS comment
  FROM pg_attribute a
  LEFT JOIN pg_attrdef d ON a.attrelid = d.adrelid AND a.attnum = d.adnum
  LEFT JOIN pg_type t ON a.atttypid = t.oid
  LEFT JOIN pg_collation c ON a.attcollation = c.oid AND a.attcollation <> t.typcollation
 WHERE a.attrelid = '"orm_ar_parent"'::regclass
   AND a.attnum > 0 AND NOT a.attisdropped
 ORDER BY a.attnum;
SHOW max_identifier_length;
-- primary_keys
SELECT a.attname
  FROM (
         SELECT indrelid, indkey, generate_subscripts(indkey, 1) idx
           FROM pg_index
          WHERE indrelid = '"orm_ar_parent"'::regclass
            AND indisprimary
       ) i
  JOIN pg_attribute a
    ON a.attrelid = i.indrelid
   AND a.attnum = i.indkey[i.idx]
 ORDER BY i.idx;
-- indexes
SELECT distinct i.relname, d.indisunique, d.indkey, pg_get_indexdef(d.indexrelid), t.oid = d.indrelid AS same,
                pg_catalog.obj_description(i.oid, 'pg_class') AS comment
FROM pg_class t
INNER JOIN pg_index d ON t.oid = d.indrelid
INNER JOIN pg_class i ON d.indexrelid = i.oid
LEFT JOIN pg_namespace n ON n.oid = i.relnamespace
WHERE i.relkind IN ('i', 'I')
  AND d.indisprimary = 'f'
  AND t.relname IN ('orm_ar_parent', 'orm_ar_child')
  AND n.nspname = ANY (current_schemas(false))
ORDER BY i.relname;
SELECT a.attnum, a.attname
FROM pg_attribute a
WHERE a.attrelid = 'orm_ar_child'::regclass
AND a.attnum IN (2);
-- foreign_keys, check_constraints, table_comment
SELECT t2.oid::regclass::text AS to_table, a1.attname AS column, a2.attname AS primary_key, c.conname AS name, c.confupdtype AS on_update, c.confdeltype AS on_delete, c.convalidated AS valid
FROM pg_constraint c
JOIN pg_class t1 ON c.conrelid = t1.oid
JOIN pg_class t2 ON c.confrelid = t2.oid
JOIN pg_attribute a1 ON a1.attnum = c.conkey[1] AND a1.attrelid = t1.oid
JOIN pg_attribute a2 ON a2.attnum = c.confkey[1] AND a2.attrelid = t2.oid
JOIN pg_namespace t3 ON c.connamespace = t3.oid
WHERE c.contype = 'f'
  AND t1.relname = 'orm_ar_child'
  AND t3.nspname = ANY (current_schemas(false))
ORDER BY c.conname;
-- difftest: differs: CHECK constraints print as written, without the casts PostgreSQL's deparser adds
SELECT conname, pg_get_constraintdef(c.oid) AS constraintdef, c.convalidated AS valid
FROM pg_constraint c
JOIN pg_class t ON c.conrelid = t.oid
WHERE c.contype = 'c'
  AND t.relname = 'orm_ar_parent';
SELECT pg_catalog.obj_description(c.oid, 'pg_class')
FROM pg_catalog.pg_class c
  LEFT JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE c.relname = 'orm_ar_parent'
  AND c.relkind IN ('r','p')
  AND n.nspname = ANY (current_schemas(false));
-- pk_and_sequence_for: through pg_depend, then through the default's text
SELECT attr.attname, nsp.nspname, seq.relname
FROM pg_class      seq,
     pg_attribute  attr,
     pg_depend     dep,
     pg_constraint cons,
     pg_namespace  nsp
WHERE seq.oid           = dep.objid
  AND seq.relkind       = 'S'
  AND attr.attrelid     = dep.refobjid
  AND attr.attnum       = dep.refobjsubid
  AND attr.attrelid     = cons.conrelid
  AND attr.attnum       = cons.conkey[1]
  AND seq.relnamespace  = nsp.oid
  AND cons.contype      = 'p'
  AND dep.classid       = 'pg_class'::regclass
  AND dep.refobjid      = '"orm_ar_child"'::regclass;
SELECT attr.attname, nsp.nspname,
  CASE
    WHEN pg_get_expr(def.adbin, def.adrelid) !~* 'nextval' THEN NULL
    WHEN split_part(pg_get_expr(def.adbin, def.adrelid), '''', 2) ~ '.' THEN
      substr(split_part(pg_get_expr(def.adbin, def.adrelid), '''', 2),
             strpos(split_part(pg_get_expr(def.adbin, def.adrelid), '''', 2), '.')+1)
    ELSE split_part(pg_get_expr(def.adbin, def.adrelid), '''', 2)
  END
FROM pg_class       t
JOIN pg_attribute   attr ON (t.oid = attrelid)
JOIN pg_attrdef     def  ON (adrelid = attrelid AND adnum = attnum)
JOIN pg_constraint  cons ON (conrelid = adrelid AND adnum = conkey[1])
JOIN pg_namespace   nsp  ON (t.relnamespace = nsp.oid)
WHERE t.oid = '"orm_ar_parent"'::regclass
  AND cons.contype = 'p'
  AND pg_get_expr(def.adbin, def.adrelid) ~* 'nextval|uuid_generate';
SELECT extname FROM pg_extension WHERE extname <> 'plpgsql';
SELECT pg_get_serial_sequence('orm_ar_parent', 'id');
-- migrations: the advisory lock around them
SELECT pg_try_advisory_lock(12345);
SELECT pg_advisory_unlock(12345);
reset search_path;
reset intervalstyle;
drop schema orm_ar cascade;
