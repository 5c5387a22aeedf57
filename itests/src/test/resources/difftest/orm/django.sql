-- Django's postgresql backend (3.2) introspection: get_table_list, get_table_description, get_sequences (through pg_depend of the column default), get_relations, get_constraints (unnest of indkey/indoption WITH ORDINALITY, pg_get_indexdef of expression indexes) on tables with serial, identity, FK, check, unique, partial and expression indexes, as `inspectdb` and migrations send them (pg_table_is_visible: the schema is on the search_path).
create schema orm_dj;
set search_path = orm_dj;
create table orm_dj_parent (id serial primary key, code varchar(12) not null unique, price numeric(8,2) default 0 check (price >= 0), note text, created timestamptz default now(), big bigint generated always as identity);
create table orm_dj_child (a int, b bigint, parent_id int references orm_dj_parent(id) on delete cascade deferrable initially deferred, code varchar(12), primary key (b, a));
create index orm_dj_child_parent_idx on orm_dj_child (parent_id desc);
create index orm_dj_child_expr_idx on orm_dj_child (lower(code));
create unique index orm_dj_child_partial_idx on orm_dj_child (code) where code is not null;
create view orm_dj_view as select id, code from orm_dj_parent;
SET TIME ZONE 'UTC';
-- get_table_list
SELECT c.relname,
CASE WHEN c.relispartition THEN 'p' WHEN c.relkind IN ('m', 'v') THEN 'v' ELSE 't' END
FROM pg_catalog.pg_class c
LEFT JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind IN ('f', 'm', 'p', 'r', 'v')
    AND n.nspname NOT IN ('pg_catalog', 'pg_toast')
    AND pg_catalog.pg_table_is_visible(c.oid)
ORDER BY 1;
-- get_table_description (Django keeps the rows whose names the cursor of SELECT * LIMIT 1 shows)
-- difftest: differs: Tusk's pg_attribute has no rows for the system columns (tableoid, cmax, xmax, cmin, xmin, ctid)
SELECT
    a.attname AS column_name,
    NOT (a.attnotnull OR (t.typtype = 'd' AND t.typnotnull)) AS is_nullable,
    pg_get_expr(ad.adbin, ad.adrelid) AS column_default,
    CASE WHEN collname = 'default' THEN NULL ELSE collname END AS collation
FROM pg_attribute a
LEFT JOIN pg_attrdef ad ON a.attrelid = ad.adrelid AND a.attnum = ad.adnum
LEFT JOIN pg_collation co ON a.attcollation = co.oid
JOIN pg_type t ON a.atttypid = t.oid
JOIN pg_class c ON a.attrelid = c.oid
JOIN pg_namespace n ON c.relnamespace = n.oid
WHERE c.relkind IN ('f', 'm', 'p', 'r', 'v')
    AND c.relname = 'orm_dj_parent'
    AND n.nspname NOT IN ('pg_catalog', 'pg_toast')
    AND pg_catalog.pg_table_is_visible(c.oid)
ORDER BY a.attnum;
SELECT * FROM "orm_dj_parent" LIMIT 1;
-- get_sequences
SELECT s.relname as sequence_name, col.attname
FROM pg_class s
    JOIN pg_namespace sn ON sn.oid = s.relnamespace
    JOIN pg_depend d ON d.refobjid = s.oid AND d.refclassid = 'pg_class'::regclass
    JOIN pg_attrdef ad ON ad.oid = d.objid AND d.classid = 'pg_attrdef'::regclass
    JOIN pg_attribute col ON col.attrelid = ad.adrelid AND col.attnum = ad.adnum
    JOIN pg_class tbl ON tbl.oid = ad.adrelid
WHERE s.relkind = 'S'
  AND d.deptype in ('a', 'n')
  AND pg_catalog.pg_table_is_visible(tbl.oid)
  AND tbl.relname = 'orm_dj_parent';
-- get_relations
SELECT a1.attname, c2.relname, a2.attname
FROM pg_constraint con
LEFT JOIN pg_class c1 ON con.conrelid = c1.oid
LEFT JOIN pg_class c2 ON con.confrelid = c2.oid
LEFT JOIN pg_attribute a1 ON c1.oid = a1.attrelid AND a1.attnum = con.conkey[1]
LEFT JOIN pg_attribute a2 ON c2.oid = a2.attrelid AND a2.attnum = con.confkey[1]
WHERE
    c1.relname = 'orm_dj_child' AND
    con.contype = 'f' AND
    c1.relnamespace = c2.relnamespace AND
    pg_catalog.pg_table_is_visible(c1.oid);
-- get_constraints: constraints, then indexes
SELECT
    c.conname,
    array(
        SELECT attname
        FROM unnest(c.conkey) WITH ORDINALITY cols(colid, arridx)
        JOIN pg_attribute AS ca ON cols.colid = ca.attnum
        WHERE ca.attrelid = c.conrelid
        ORDER BY cols.arridx
    ),
    c.contype,
    (SELECT fkc.relname || '.' || fka.attname
    FROM pg_attribute AS fka
    JOIN pg_class AS fkc ON fka.attrelid = fkc.oid
    WHERE fka.attrelid = c.confrelid AND fka.attnum = c.confkey[1]),
    cl.reloptions
FROM pg_constraint AS c
JOIN pg_class AS cl ON c.conrelid = cl.oid
WHERE cl.relname = 'orm_dj_parent' AND pg_catalog.pg_table_is_visible(cl.oid)
ORDER BY 1;
SELECT
    indexname, array_agg(attname ORDER BY arridx), indisunique, indisprimary,
    array_agg(ordering ORDER BY arridx), amname, exprdef, s2.attoptions
FROM (
    SELECT
        c2.relname as indexname, idx.*, attr.attname, am.amname,
        CASE
            WHEN idx.indexprs IS NOT NULL THEN
                pg_get_indexdef(idx.indexrelid)
        END AS exprdef,
        CASE am.amname
            WHEN 'btree' THEN
                CASE (option & 1)
                    WHEN 1 THEN 'DESC' ELSE 'ASC'
                END
        END as ordering,
        c2.reloptions as attoptions
    FROM (
        SELECT *
        FROM pg_index i, unnest(i.indkey, i.indoption) WITH ORDINALITY koi(key, option, arridx)
    ) idx
    LEFT JOIN pg_class c ON idx.indrelid = c.oid
    LEFT JOIN pg_class c2 ON idx.indexrelid = c2.oid
    LEFT JOIN pg_am am ON c2.relam = am.oid
    LEFT JOIN pg_attribute attr ON attr.attrelid = c.oid AND attr.attnum = idx.key
    WHERE c.relname = 'orm_dj_child' AND pg_catalog.pg_table_is_visible(c.oid)
) s2
GROUP BY indexname, indisunique, indisprimary, amname, exprdef, attoptions
ORDER BY 1;
-- get_primary_key_column goes through get_constraints; the view has none
SELECT c.conname FROM pg_constraint AS c JOIN pg_class AS cl ON c.conrelid = cl.oid WHERE cl.relname = 'orm_dj_view';
reset search_path;
drop schema orm_dj cascade;
