-- basics/psql_describe: psql's describe commands (\dt, \d TABLE, \dn), which run catalog queries with joins and pg_catalog functions
-- difftest: pending psql's describe queries need LEFT JOIN over pg_class/pg_namespace, pg_table_is_visible, format_type, pg_get_expr, pg_attrdef and more catalogs
CREATE TABLE psql_describe_t (id integer NOT NULL, name text, price numeric(8,2));
\dt psql_describe*
\d psql_describe_t
\dn public
DROP TABLE psql_describe_t;
