-- basics/lexical: comments, whitespace, identifier case folding and quoting, keywords as names, operators without spaces
SELECT 1 /* a comment */ + /* nested /* comment */ here */ 2 AS sum;
SELECT -- a line comment
  3 AS after_line_comment;
SELECT	4	AS	tabs,
       5 AS
       newline;
SELECT 1 AS MiXeD, 2 AS "MiXeD";
CREATE TABLE Lexical_T ("Quoted Col" integer, plain integer, "with""quote" text);
INSERT INTO LEXICAL_T VALUES (1, 2, 'q');
SELECT "Quoted Col", PLAIN, "with""quote" FROM lexical_t;
SELECT "quoted col" FROM lexical_t;
SELECT * FROM "Lexical_T";
SELECT 1 AS "select", 2 AS "table";
SELECT 1 AS select;
SELECT 1 AS value, 2 AS name, 3 AS type, 4 AS text;
SELECT 1 AS from;
SELECT 3-2 AS minus, 3--2
AS comment_minus;
SELECT 3- -2 AS minus_neg, 2*-3 AS times_neg, 2^-1 AS pow_neg;
SELECT 1<>2 AS ne, 1!=2 AS ne2, 1<=2 AS le, 'a'||'b' AS cc;
SELECT 1 @ 2;
SELECT "";
SELECT 1 AS "";
SELECT ("lexical_t".plain) FROM lexical_t;
DROP TABLE lexical_t;
SELECT 'done' AS status;
