-- features/range_offset_frames: RANGE frames with offsets (numeric, integer, float, date / timestamp / timestamptz / time / interval with interval offsets), PRECEDING and FOLLOWING, descending order, NULL keys, partitions, EXCLUDE, and the errors for bad key and offset types, NULL and negative offsets
CREATE TABLE q_rof_t (id int PRIMARY KEY, grp text, n int, x numeric(6,2), f float8, d date, ts timestamp, tz timestamptz, tm time, iv interval);
INSERT INTO q_rof_t VALUES
  (1, 'a', 1, 1.00, 1.5, '2024-01-01', '2024-01-01 10:00', '2024-01-01 10:00+00', '10:00', '1 hour'),
  (2, 'a', 2, 1.50, 2.5, '2024-01-02', '2024-01-01 11:00', '2024-01-01 11:00+00', '11:00', '2 hours'),
  (3, 'a', 4, 3.00, 4.0, '2024-01-02', '2024-01-02 09:00', '2024-01-02 09:00+00', '12:30', '1 day'),
  (4, 'b', 5, 3.25, 5.5, '2024-01-05', '2024-01-03 10:00', '2024-01-03 10:00+00', '23:00', '3 days'),
  (5, 'b', 7, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
  (6, 'b', 8, 10.00, 9.0, '2024-01-10', '2024-01-10 00:00', '2024-01-10 00:00+00', '00:30', '1 mon');
SELECT id, n, sum(n) OVER (ORDER BY n RANGE BETWEEN 1 PRECEDING AND 1 FOLLOWING) AS near,
       count(*) OVER (ORDER BY n RANGE 2 PRECEDING) AS back2,
       sum(n) OVER (ORDER BY n RANGE BETWEEN CURRENT ROW AND 3 FOLLOWING) AS ahead3
  FROM q_rof_t ORDER BY id;
SELECT id, x, sum(x) OVER (ORDER BY x RANGE BETWEEN 0.5 PRECEDING AND CURRENT ROW) AS s,
       count(*) OVER (ORDER BY x RANGE BETWEEN 1 PRECEDING AND 1 FOLLOWING) AS c FROM q_rof_t ORDER BY id;
SELECT id, f, count(*) OVER (ORDER BY f RANGE BETWEEN 1.5 PRECEDING AND 1.5 FOLLOWING) FROM q_rof_t ORDER BY id;
SELECT id, d, count(*) OVER (ORDER BY d RANGE BETWEEN INTERVAL '1 day' PRECEDING AND CURRENT ROW) AS c,
       string_agg(id::text, ',') OVER (ORDER BY d RANGE BETWEEN INTERVAL '12 hours' PRECEDING AND INTERVAL '3 days' FOLLOWING) AS ids
  FROM q_rof_t ORDER BY id;
SELECT id, ts, count(*) OVER (ORDER BY ts RANGE BETWEEN INTERVAL '1 day' PRECEDING AND CURRENT ROW) AS last_day FROM q_rof_t ORDER BY id;
SELECT id, count(*) OVER (ORDER BY tz RANGE BETWEEN INTERVAL '2 hours' PRECEDING AND INTERVAL '2 hours' FOLLOWING) FROM q_rof_t ORDER BY id;
SELECT id, count(*) OVER (ORDER BY tm RANGE BETWEEN INTERVAL '1 hour' PRECEDING AND INTERVAL '90 minutes' FOLLOWING) FROM q_rof_t ORDER BY id;
SELECT id, count(*) OVER (ORDER BY iv RANGE BETWEEN INTERVAL '1 day' PRECEDING AND CURRENT ROW) FROM q_rof_t ORDER BY id;
-- descending keys, NULLS FIRST, partitions, EXCLUDE
SELECT id, n, sum(n) OVER (ORDER BY n DESC RANGE BETWEEN 1 PRECEDING AND 2 FOLLOWING) FROM q_rof_t ORDER BY id;
SELECT id, x, count(*) OVER (ORDER BY x NULLS FIRST RANGE BETWEEN 1 PRECEDING AND CURRENT ROW) AS c,
       count(*) OVER (ORDER BY x DESC RANGE BETWEEN 1 PRECEDING AND UNBOUNDED FOLLOWING) AS rest FROM q_rof_t ORDER BY id;
SELECT id, grp, sum(n) OVER (PARTITION BY grp ORDER BY n RANGE BETWEEN 2 PRECEDING AND 2 FOLLOWING) FROM q_rof_t ORDER BY id;
SELECT id, sum(n) OVER (ORDER BY n RANGE BETWEEN 2 PRECEDING AND 2 FOLLOWING EXCLUDE CURRENT ROW) FROM q_rof_t ORDER BY id;
SELECT id, first_value(id) OVER w, last_value(id) OVER w FROM q_rof_t WINDOW w AS (ORDER BY n RANGE BETWEEN 3 PRECEDING AND 1 PRECEDING) ORDER BY id;
SELECT id, sum(n) OVER (ORDER BY n RANGE BETWEEN 5 FOLLOWING AND 10 FOLLOWING) FROM q_rof_t ORDER BY id;
-- daily revenue with a 7-day moving window, as reporting code writes it
SELECT d, sum(x) AS day, sum(sum(x)) OVER (ORDER BY d RANGE BETWEEN INTERVAL '6 days' PRECEDING AND CURRENT ROW) AS week
  FROM q_rof_t WHERE d IS NOT NULL GROUP BY d ORDER BY d;
-- errors
SELECT sum(n) OVER (ORDER BY grp RANGE 1 PRECEDING) FROM q_rof_t;
SELECT sum(n) OVER (ORDER BY n RANGE '1 day'::interval PRECEDING) FROM q_rof_t;
SELECT sum(n) OVER (ORDER BY d RANGE 1 PRECEDING) FROM q_rof_t;
SELECT sum(n) OVER (ORDER BY n, id RANGE 1 PRECEDING) FROM q_rof_t;
SELECT sum(n) OVER (RANGE 1 PRECEDING) FROM q_rof_t;
SELECT sum(n) OVER (ORDER BY n RANGE BETWEEN -1 PRECEDING AND CURRENT ROW) FROM q_rof_t;
SELECT sum(n) OVER (ORDER BY n RANGE BETWEEN NULL PRECEDING AND CURRENT ROW) FROM q_rof_t;
SELECT sum(n) OVER (ORDER BY ts RANGE BETWEEN INTERVAL '-1 day' PRECEDING AND CURRENT ROW) FROM q_rof_t;
DROP TABLE q_rof_t;
