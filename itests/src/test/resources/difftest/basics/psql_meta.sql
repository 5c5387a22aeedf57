-- basics/psql_meta: psql features that depend only on the protocol: multiple statements per line, \gset, \echo with variables, \; combined queries, empty queries, comments
SELECT 1 AS a; SELECT 2 AS b;
SELECT 10 AS ten, 'x' AS letter \gset
\echo :ten :letter
SELECT :ten + 1 AS eleven, :'letter' AS quoted;
SELECT 1 AS first \; SELECT 2 AS second;
;
/* a block comment */ SELECT 'after comment' AS c;
SELECT 'inline' AS c; -- a trailing comment
SELECT 'x' AS ok \g
\pset format unaligned
SELECT 1 AS a, 'two' AS b;
\pset format aligned
\pset null '(null)'
SELECT NULL AS shown_null;
\pset null ''
\x on
SELECT 1 AS a, 'two' AS b;
\x off
