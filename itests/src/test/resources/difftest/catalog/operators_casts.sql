-- catalog/operators_casts: pg_operator and pg_cast with PostgreSQL 15's rows (oids, commutators, negators, oprcode, castfunc, contexts, methods) for the operators and casts Tusk implements, queried over the types Tusk has; psql's \do (with operand patterns, \do+) and \dC; pg_operator_is_visible, obj_description of operators
SELECT oprname, oprleft::regtype, oprright::regtype, oprresult::regtype FROM pg_operator WHERE oprname = '+' AND oprleft = 'int4'::regtype AND oprright IN ('int4'::regtype, 'date'::regtype) ORDER BY 2, 3;
SELECT oid, oprname, oprkind, oprcanmerge, oprcanhash, oprcom, oprnegate, oprcode, oprrest, oprjoin, oprnamespace::regnamespace, oprowner = 10 AS bootstrap_owner
FROM pg_operator WHERE oprleft = 'int4'::regtype AND oprright = 'int4'::regtype ORDER BY oid;
SELECT o.oprname, o.oprresult::regtype, c.oprname AS commutator, n.oprname AS negator, o.oprcode FROM pg_operator o
LEFT JOIN pg_operator c ON c.oid = o.oprcom LEFT JOIN pg_operator n ON n.oid = o.oprnegate
WHERE o.oprleft = 'text'::regtype AND o.oprright = 'text'::regtype AND o.oprname NOT IN ('@@', '~<~', '~<=~', '~>=~', '~>~') ORDER BY 1;
SELECT oprname, oprkind, oprleft, oprright::regtype, oprresult::regtype, oprcode FROM pg_operator
WHERE oprkind = 'l' AND oprname <> '||/' AND oprright IN ('int2'::regtype, 'int4'::regtype, 'int8'::regtype, 'numeric'::regtype, 'float8'::regtype) ORDER BY 1, 4;
SELECT o.oprname, p.proname, p.pronargs, p.prorettype::regtype, p.proisstrict, p.provolatile, p.proleakproof
FROM pg_operator o JOIN pg_proc p ON p.oid = o.oprcode WHERE o.oprleft = 'float8'::regtype AND o.oprright = 'float8'::regtype ORDER BY 1;
SELECT oprname, oprleft::regtype, oprright::regtype, oprresult::regtype, oprcanhash FROM pg_operator
WHERE oprleft IN ('date'::regtype, 'timestamp'::regtype, 'interval'::regtype) AND oprright IN ('date'::regtype, 'timestamp'::regtype, 'interval'::regtype, 'int4'::regtype)
AND NOT (oprname IN ('<', '<=', '=', '<>', '>', '>=') AND oprleft <> oprright) ORDER BY 1, 2, 3;
SELECT oprname, oprleft::regtype, oprright::regtype, oprresult::regtype FROM pg_operator
WHERE oprleft = 'jsonb'::regtype ORDER BY 1, 3;
SELECT pg_operator_is_visible(oid), obj_description(oid, 'pg_operator') FROM pg_operator WHERE oprname = '=' AND oprleft = 'int4'::regtype AND oprright = 'int4'::regtype;
SELECT obj_description(oid, 'pg_operator') FROM pg_operator WHERE oprname = '||' AND oprleft = 'text'::regtype AND oprright = 'text'::regtype;
SELECT pg_operator_is_visible(0), obj_description(0, 'pg_operator');
SELECT 'pg_operator'::regclass::oid, 'pg_cast'::regclass::oid, (SELECT tableoid::regclass FROM pg_operator LIMIT 1), (SELECT tableoid::regclass FROM pg_cast LIMIT 1);
\do + integer integer
\do+ = text text
\do - numeric
\do ~~ text text
\do * double* double*
\do || jsonb jsonb
\do+ <> bigint bigint
SELECT c.oid, castsource::regtype, casttarget::regtype, castcontext, castmethod, p.proname FROM pg_cast c LEFT JOIN pg_proc p ON p.oid = c.castfunc
WHERE castsource IN ('int2'::regtype, 'int4'::regtype, 'int8'::regtype, 'float4'::regtype, 'float8'::regtype, 'numeric'::regtype)
AND casttarget IN ('int2'::regtype, 'int4'::regtype, 'int8'::regtype, 'float4'::regtype, 'float8'::regtype, 'numeric'::regtype) ORDER BY 2, 3;
SELECT castsource::regtype, casttarget::regtype, castcontext, castmethod FROM pg_cast WHERE castsource = casttarget AND castsource::regtype::text NOT LIKE 'bit%' ORDER BY 1;
SELECT castsource::regtype, casttarget::regtype, castcontext, castmethod, castfunc <> 0 AS has_func FROM pg_cast
WHERE castsource IN ('text'::regtype, 'varchar'::regtype, 'bpchar'::regtype, 'name'::regtype, '"char"'::regtype)
AND casttarget IN ('text'::regtype, 'varchar'::regtype, 'bpchar'::regtype, 'name'::regtype, '"char"'::regtype) ORDER BY 1, 2;
\dC jsonb
\dC+ date
\dC time*
\dC interval
\dC uuid
