-- features/window_frames: ROWS / RANGE / GROUPS frames with UNBOUNDED / n PRECEDING / CURRENT ROW / n FOLLOWING and EXCLUDE, first_value / last_value / nth_value, ntile, percent_rank, cume_dist, the default frame's peers, and the frame errors
CREATE TABLE q_wf_t (g int, x int, v int);
INSERT INTO q_wf_t VALUES (1, 1, 10), (1, 2, 20), (1, 2, 30), (1, 3, 40), (1, 5, 50), (2, 1, 5), (2, 1, 6), (2, 4, 7);
-- the default frame: with ORDER BY up to the last peer, without it the whole partition
SELECT g, x, v, sum(v) OVER (PARTITION BY g ORDER BY x) AS running, sum(v) OVER (PARTITION BY g) AS total,
  first_value(v) OVER (PARTITION BY g ORDER BY x, v) AS fv, last_value(v) OVER (PARTITION BY g ORDER BY x) AS lv_peers
FROM q_wf_t ORDER BY g, x, v;
SELECT g, x, v,
  sum(v) OVER (PARTITION BY g ORDER BY x, v ROWS BETWEEN 1 PRECEDING AND 1 FOLLOWING) AS moving,
  sum(v) OVER (PARTITION BY g ORDER BY x, v ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS rows_running,
  sum(v) OVER (PARTITION BY g ORDER BY x, v ROWS BETWEEN CURRENT ROW AND UNBOUNDED FOLLOWING) AS rest,
  sum(v) OVER (PARTITION BY g ORDER BY x, v ROWS 2 PRECEDING) AS last3,
  count(*) OVER (PARTITION BY g ORDER BY x, v ROWS BETWEEN 2 FOLLOWING AND 5 FOLLOWING) AS ahead
FROM q_wf_t ORDER BY g, x, v;
SELECT g, x, v,
  sum(v) OVER (PARTITION BY g ORDER BY x RANGE BETWEEN CURRENT ROW AND UNBOUNDED FOLLOWING) AS range_rest,
  sum(v) OVER (PARTITION BY g ORDER BY x RANGE BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS whole,
  sum(v) OVER (PARTITION BY g ORDER BY x GROUPS BETWEEN 1 PRECEDING AND CURRENT ROW) AS two_groups,
  sum(v) OVER (PARTITION BY g ORDER BY x GROUPS BETWEEN 1 FOLLOWING AND 2 FOLLOWING) AS next_groups,
  array_agg(v) OVER (PARTITION BY g ORDER BY x GROUPS BETWEEN 1 PRECEDING AND 1 FOLLOWING) AS around
FROM q_wf_t ORDER BY g, x, v;
-- EXCLUDE
SELECT g, x, v,
  sum(v) OVER w1 AS ex_current, sum(v) OVER w2 AS ex_group, sum(v) OVER w3 AS ex_ties, sum(v) OVER w4 AS no_others
FROM q_wf_t
WINDOW w1 AS (PARTITION BY g ORDER BY x ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING EXCLUDE CURRENT ROW),
  w2 AS (PARTITION BY g ORDER BY x ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING EXCLUDE GROUP),
  w3 AS (PARTITION BY g ORDER BY x ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING EXCLUDE TIES),
  w4 AS (PARTITION BY g ORDER BY x ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING EXCLUDE NO OTHERS)
ORDER BY g, x, v;
-- named windows: referenced bare, copied with an ORDER BY or a frame added, chained
SELECT g, x, v, rank() OVER w, sum(v) OVER (w ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) AS s2, count(*) OVER p,
  sum(v) OVER (p ORDER BY v DESC) AS desc_running
FROM q_wf_t WINDOW p AS (PARTITION BY g), w AS (p ORDER BY x, v) ORDER BY g, x, v;
SELECT x, sum(x) OVER w FROM generate_series(1, 4) x WINDOW w AS (ORDER BY x ROWS 1 PRECEDING) ORDER BY x;
-- value functions
SELECT g, x, v,
  first_value(v) OVER (PARTITION BY g ORDER BY x, v ROWS BETWEEN 1 FOLLOWING AND UNBOUNDED FOLLOWING) AS next_first,
  last_value(v) OVER (PARTITION BY g ORDER BY x, v ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS lv,
  nth_value(v, 2) OVER (PARTITION BY g ORDER BY x, v ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS second,
  nth_value(v, 3) OVER (PARTITION BY g ORDER BY x, v) AS third_so_far
FROM q_wf_t ORDER BY g, x, v;
SELECT g, x, v, ntile(2) OVER (PARTITION BY g ORDER BY x, v) AS half, ntile(3) OVER (ORDER BY g, x, v) AS third,
  percent_rank() OVER (PARTITION BY g ORDER BY x) AS pr, cume_dist() OVER (PARTITION BY g ORDER BY x) AS cd,
  percent_rank() OVER () AS pr_all, cume_dist() OVER () AS cd_all
FROM q_wf_t ORDER BY g, x, v;
SELECT pg_typeof(ntile(2) OVER ()), pg_typeof(percent_rank() OVER ()), pg_typeof(cume_dist() OVER ()), pg_typeof(first_value('a') OVER ());
SELECT x, first_value(x) OVER (ORDER BY x ROWS BETWEEN 1 PRECEDING AND 1 PRECEDING) FROM generate_series(1, 3) x;
-- errors
SELECT sum(x) OVER (ROWS BETWEEN UNBOUNDED FOLLOWING AND CURRENT ROW) FROM generate_series(1, 3) x;
SELECT sum(x) OVER (ROWS BETWEEN CURRENT ROW AND UNBOUNDED PRECEDING) FROM generate_series(1, 3) x;
SELECT sum(x) OVER (ROWS BETWEEN CURRENT ROW AND 1 PRECEDING) FROM generate_series(1, 3) x;
SELECT sum(x) OVER (ROWS BETWEEN 1 FOLLOWING AND CURRENT ROW) FROM generate_series(1, 3) x;
SELECT sum(x) OVER (ROWS 1 FOLLOWING) FROM generate_series(1, 3) x;
SELECT sum(x) OVER (ROWS UNBOUNDED FOLLOWING) FROM generate_series(1, 3) x;
SELECT sum(x) OVER (GROUPS 1 PRECEDING) FROM generate_series(1, 3) x;
SELECT sum(x) OVER (ORDER BY x ROWS -1 PRECEDING) FROM generate_series(1, 3) x;
SELECT sum(x) OVER (ORDER BY x ROWS BETWEEN CURRENT ROW AND NULL FOLLOWING) FROM generate_series(1, 3) x;
SELECT nth_value(x, 0) OVER () FROM generate_series(1, 3) x;
SELECT ntile(0) OVER () FROM generate_series(1, 3) x;
SELECT ntile() OVER () FROM generate_series(1, 3) x;
SELECT sum(x) OVER nosuch FROM generate_series(1, 3) x;
SELECT sum(x) OVER w FROM generate_series(1, 3) x WINDOW w AS (), w AS (ORDER BY x);
SELECT sum(x) OVER (w PARTITION BY x) FROM generate_series(1, 3) x WINDOW w AS (ORDER BY x);
SELECT sum(x) OVER (w ORDER BY x) FROM generate_series(1, 3) x WINDOW w AS (ORDER BY x);
SELECT sum(x) OVER (w ORDER BY x) FROM generate_series(1, 3) x WINDOW w AS (ROWS UNBOUNDED PRECEDING);
SELECT sum(x) OVER w2 FROM generate_series(1, 3) x WINDOW w2 AS (w1), w1 AS (ORDER BY x);
DROP TABLE q_wf_t;
