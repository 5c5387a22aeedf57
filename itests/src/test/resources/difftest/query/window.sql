-- query/window: row_number, rank, dense_rank, lag, lead, aggregates OVER (PARTITION BY .. ORDER BY ..) with the default frame, windows over grouped rows, errors
CREATE TABLE q_win_t (dept text, emp text, sal int);
INSERT INTO q_win_t VALUES ('a', 'x', 10), ('a', 'y', 20), ('a', 'z', 20), ('b', 'p', 5), ('b', 'q', NULL), ('c', 'r', 7);
SELECT dept, emp, sal, row_number() OVER (PARTITION BY dept ORDER BY sal DESC, emp) FROM q_win_t ORDER BY dept, emp;
SELECT dept, emp, sal, rank() OVER (PARTITION BY dept ORDER BY sal), dense_rank() OVER (PARTITION BY dept ORDER BY sal) FROM q_win_t ORDER BY dept, emp;
SELECT emp, rank() OVER (ORDER BY sal DESC NULLS LAST), dense_rank() OVER (ORDER BY sal DESC NULLS LAST) FROM q_win_t ORDER BY emp;
SELECT emp, sal, lag(sal) OVER (ORDER BY emp), lead(sal, 2, -1) OVER (ORDER BY emp), lag(emp, 1, '-') OVER (PARTITION BY dept ORDER BY emp) FROM q_win_t ORDER BY emp;
SELECT emp, sal, sum(sal) OVER (PARTITION BY dept), count(*) OVER (PARTITION BY dept), avg(sal) OVER (PARTITION BY dept ORDER BY sal) FROM q_win_t ORDER BY emp;
SELECT emp, sum(sal) OVER (ORDER BY sal NULLS FIRST), count(sal) OVER (ORDER BY sal), max(emp) OVER (ORDER BY sal) FROM q_win_t ORDER BY emp;
SELECT count(*) OVER (), max(sal) OVER (PARTITION BY dept) FROM q_win_t ORDER BY 1, 2;
SELECT row_number() OVER ();
SELECT dept, sum(sal), rank() OVER (ORDER BY sum(sal) DESC) FROM q_win_t GROUP BY dept ORDER BY dept;
SELECT * FROM (SELECT emp, row_number() OVER (ORDER BY emp DESC) AS rn FROM q_win_t) s WHERE rn <= 2 ORDER BY rn;
SELECT emp, sal - lag(sal) OVER (ORDER BY emp) AS diff FROM q_win_t ORDER BY emp;
-- errors
SELECT emp FROM q_win_t WHERE row_number() OVER () > 1;
SELECT lower(emp) OVER () FROM q_win_t;
SELECT dept FROM q_win_t GROUP BY dept HAVING rank() OVER () > 1;
SELECT sum(row_number() OVER ()) FROM q_win_t;
DROP TABLE q_win_t;
