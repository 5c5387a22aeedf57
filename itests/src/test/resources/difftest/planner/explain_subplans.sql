-- planner/explain_subplans: subqueries in EXPLAIN — InitPlan for uncorrelated scalar subqueries, SubPlan for correlated ones and NOT IN, outer references qualified
CREATE TABLE explain_subplans_t (id int PRIMARY KEY, a int, b text);
CREATE TABLE explain_subplans_u (id int, a int);
EXPLAIN (COSTS OFF) SELECT * FROM explain_subplans_t WHERE a = (SELECT max(a) FROM explain_subplans_u);
EXPLAIN (COSTS OFF) SELECT * FROM explain_subplans_t WHERE a NOT IN (SELECT a FROM explain_subplans_u);
EXPLAIN (COSTS OFF) SELECT * FROM explain_subplans_t WHERE a > ALL (SELECT a FROM explain_subplans_u WHERE explain_subplans_u.id = explain_subplans_t.id);
EXPLAIN (COSTS OFF) SELECT id, (SELECT count(*) FROM explain_subplans_u WHERE explain_subplans_u.a = explain_subplans_t.a) FROM explain_subplans_t;
-- difftest: differs: PostgreSQL turns IN (subquery) into a semi-join (Hash Join over a HashAggregate); Tusk runs a hashed SubPlan
EXPLAIN (COSTS OFF) SELECT * FROM explain_subplans_t WHERE a IN (SELECT a FROM explain_subplans_u);
INSERT INTO explain_subplans_t VALUES (1, 1, 'x'), (2, 5, 'y');
INSERT INTO explain_subplans_u VALUES (1, 1), (2, 5), (3, 5);
-- difftest: differs: subqueries are planned during analysis, without EXPLAIN ANALYZE's instrumentation (no actual rows on their lines)
EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) SELECT * FROM explain_subplans_t WHERE a = (SELECT max(a) FROM explain_subplans_u);
DROP TABLE explain_subplans_t, explain_subplans_u;
