-- basics/columns: result column names and types of expressions (FigureColname) and how values print
SELECT 1, -1, +1, 1.0, 'a', NULL, TRUE;
SELECT 1 + 1, 'a' || 'b', NOT TRUE, 1 = 1, -(1);
SELECT 1::text, CAST(2 AS text), 3::integer::text, '4'::int, 'x'::varchar(3), 'yz'::char(3);
SELECT CASE WHEN TRUE THEN 1 END, COALESCE(1, 2), NULLIF(1, 2), GREATEST(1, 2), LEAST(1, 2);
SELECT upper('a'), lower('B'), length('abc'), abs(-3);
SELECT 1 "quoted alias", 2 AS "select", 3 AS "Select";
SELECT 0.1::float8 + 0.2::float8 AS f8, 1e10::float8 AS big, 1.5e-7::float8 AS small, 'NaN'::float8 AS nan, '-Infinity'::float8 AS ninf;
SELECT 0.1::real AS f4, 3.14159265358979::real AS pi4, 100000000::real AS e8;
SELECT 1.50 * 2 AS keeps_scale, 1.0 / 3 AS third, 2.0 ^ 0.5 AS sqrt2, 10::numeric / 4 AS frac, 0.000 AS zeros;
SELECT 12345678901234567890.123 + 1 AS big_numeric, -0.0 AS neg_zero, 1e3 AS e3, 1.5e2 AS e2;
SELECT 'a b'::text AS spaces, '  padded  ' AS padded, '' AS empty, 'üñí' AS unicode, 'multi
line' AS newline;
SELECT true AS t, false AS f, 't'::boolean, 'off'::boolean, '1'::boolean, 'no'::boolean;
SELECT 32767::smallint AS int2, -2147483648::bigint AS neg_int8_cast, 9223372036854775807 AS int8;
SELECT 5 / 2 AS int_div, -5 / 2 AS neg_int_div, -5 % 3 AS neg_mod, 5.0 % 3 AS numeric_mod;
SELECT 'abc'::bytea AS bytes, '\x00ff'::bytea AS hex;
