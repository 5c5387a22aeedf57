-- basics/psql_describe: psql's describe commands (\dt, \d TABLE, \d list, \dn), which run catalog queries with joins and pg_catalog functions
CREATE TABLE psql_describe_t (id integer NOT NULL, name text, price numeric(8,2));
\dt psql_describe*
\d psql_describe_t
\d+ psql_describe_t
\dn public
\dt psql_describe_nothing*
\d psql_describe_nothing
\x
\dt psql_describe*
\x
DROP TABLE psql_describe_t;
