-- catalog/pg_proc: pg_proc over the built-in functions as psql's \df and drivers read it, pg_get_function_result / _arguments, oidvectortypes
\df
\df abs
\df lpad
\df concat_ws
\df generate_series
\df strpos
\df round
SELECT proname, prokind, provolatile, proisstrict, proretset, pronargs, prorettype::regtype, oidvectortypes(proargtypes)
FROM pg_proc WHERE proname IN ('abs', 'lpad', 'initcap', 'now', 'gen_random_uuid', 'strpos') ORDER BY 1, 8;
SELECT p.proname, n.nspname, l.lanname FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
JOIN pg_language l ON l.oid = p.prolang WHERE p.proname = 'initcap';
SELECT proname, pg_get_function_result(oid), pg_get_function_arguments(oid) FROM pg_proc
WHERE proname IN ('count', 'row_number', 'ntile') ORDER BY 1, 3;
SELECT count(*) > 100 AS many, count(*) FILTER (WHERE pronamespace <> 'pg_catalog'::regnamespace AND proname NOT LIKE '\_pg%') AS outside FROM pg_proc;
SELECT pg_get_function_result(0), pg_get_function_arguments(0);
SELECT 'pg_proc'::regclass::oid, (SELECT tableoid::regclass FROM pg_proc LIMIT 1);
SELECT lanname, lanispl, lanpltrusted FROM pg_language WHERE lanname IN ('internal', 'c', 'sql') ORDER BY 1;
