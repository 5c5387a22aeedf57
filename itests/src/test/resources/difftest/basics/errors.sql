-- basics/errors: the error cases with their SQLSTATE and position: 42601, 42883, 42704, 42P01, 42703, 22P02, 22012, 22003
-- 42601 syntax errors, with the position of the offending token
SELEC 1;
SELECT 1 +;
SELECT 1 FROM;
SELECT 1 2;
SELECT * FROM WHERE;
INSERT INTO VALUES (1);
-- two statements on one line: the error points into the second
SELECT 1; SELECT FROM FROM;
-- 42883 no operator or function matches
SELECT 'a' + 1;
SELECT no_such_function(1);
SELECT length(1, 2);
SELECT true + true;
SELECT 'a'::text + 1;
-- 42704 undefined object (type)
SELECT 1::no_such_type;
SELECT CAST('x' AS no_such_type);
-- 42P01 undefined table
SELECT * FROM errors_no_such_table;
SELECT errors_no_such_table.x;
-- 42703 undefined column
SELECT no_such_column;
-- 22P02 invalid text representation
SELECT 'abc'::integer;
SELECT ''::integer;
SELECT '1.5'::integer;
SELECT 'maybe'::boolean;
SELECT 'x1'::numeric;
-- 22012 division by zero
SELECT 1 / 0;
SELECT 1 % 0;
SELECT 1.0 / 0;
SELECT 1 / 0.0;
-- 22003 out of range
SELECT 2147483647 * 2;
SELECT '99999999999'::integer;
SELECT 40000::smallint;
-- the session goes on after every error
SELECT 'still here' AS status;
-- psql sends what is left at the end of the file: an unterminated quoted string (psql itself
-- would otherwise wait for its end, as it does for an open parenthesis)
SELECT 'unterminated
