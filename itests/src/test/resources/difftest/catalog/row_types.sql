-- catalog/row_types: system columns (tableoid, cmax, xmax, cmin, xmin, ctid) as negative-attnum pg_attribute rows of tables and sequences; a table's and a view's row type in pg_type (typtype c, typrelid, array type _name, pg_class.reltype), as JDBC / ORM composite-type queries read them
CREATE TABLE row_types_t (a int);
CREATE VIEW row_types_v AS SELECT a FROM row_types_t;
CREATE SEQUENCE row_types_s;
SELECT attrelid::regclass, attname, atttypid, attstattarget, attlen, attnum, attndims, attbyval, attalign, attstorage, attnotnull, atthasdef, attidentity, attisdropped, attislocal, attcollation FROM pg_attribute WHERE attrelid IN ('row_types_t'::regclass, 'row_types_s'::regclass, 'row_types_v'::regclass) ORDER BY 1, attnum;
SELECT typname, typlen, typbyval, typtype, typcategory, typispreferred, typisdefined, typdelim, typsubscript, typelem <> 0, typarray <> 0, typinput, typoutput, typreceive, typsend, typmodin, typmodout, typanalyze, typalign, typstorage, typnotnull, typbasetype, typtypmod, typndims, typcollation, typdefaultbin, typdefault, typacl, typrelid::regclass FROM pg_type WHERE typname LIKE '%row\_types\__' ORDER BY 1;
SELECT c.relname, t.typname, e.typname AS elem FROM pg_class c JOIN pg_type t ON t.oid = c.reltype LEFT JOIN pg_type a ON a.oid = t.typarray LEFT JOIN pg_type e ON e.oid = a.typelem WHERE c.relname LIKE 'row\_types\__' ORDER BY 1;
SELECT relname, reltype = 0 FROM pg_class WHERE relname LIKE 'row\_types\__' ORDER BY 1;
SELECT t.typname FROM pg_type t WHERE t.typtype = 'c' AND t.typrelid IN (SELECT oid FROM pg_class WHERE relname LIKE 'row\_types\__') ORDER BY 1;
SELECT tableoid::regclass, a FROM row_types_t;
DROP VIEW row_types_v;
DROP TABLE row_types_t;
DROP SEQUENCE row_types_s;
SELECT count(*) FROM pg_type WHERE typname LIKE '%row\_types\__';
