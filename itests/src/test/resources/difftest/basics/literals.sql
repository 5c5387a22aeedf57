-- basics/literals: literal syntax (strings, escapes, numbers, typed literals) and numeric edge cases with their errors (22003, 22012, 22P02)
SELECT 'a' 'b' AS no_concat_same_line;
SELECT 'con'
'tinued' AS continued_literal;
SELECT U&'\0041\0042' AS unicode_escape, E'\x41\101\u0041' AS e_escapes, E'a\\b' AS backslash, 'a\b' AS standard;
SELECT $tag$it's $$ here$tag$ AS tagged_dollar;
SELECT 0x1F AS hex, 0o17 AS octal, 0b101 AS binary;
SELECT 1_000_000 AS underscores;
SELECT .5 AS leading_dot, 5. AS trailing_dot, 1e-3 AS exp_neg, 1E+3 AS exp_pos;
SELECT integer '42' AS typed_int, text 'abc' AS typed_text, numeric '1.50' AS typed_numeric, boolean 't' AS typed_bool;
SELECT 0.1 + 0.2 AS exact, 1 / 3 AS int_third, 1.0 / 3.0 AS numeric_third, 2 ^ 0.5 AS float_pow;
SELECT 9223372036854775807 + 1;
SELECT -9223372036854775807 - 2;
SELECT 32767::smallint + 1::smallint;
SELECT (-32768)::smallint AS int2_min, -32768::smallint AS precedence;
SELECT 1e308::float8 * 10;
SELECT 5 / 0::float8;
SELECT 0.0 / 0;
SELECT 'Infinity'::float8 + 1 AS inf, 'inf'::float8 AS inf_short, '-inf'::float8 AS ninf;
SELECT '  42  '::integer AS spaces, '+7'::integer AS plus, '-0'::integer AS neg_zero;
SELECT '1e2'::integer;
SELECT '12abc'::integer;
SELECT 'TRUE'::boolean AS upper, ' yes '::boolean AS padded, 'of'::boolean;
SELECT '1.2.3'::numeric;
SELECT '-0.000'::numeric AS neg_zero;
SELECT 'NaN'::numeric AS nan;
SELECT 12.345::numeric(5,2) AS rounded, 999.995::numeric(5,2);
