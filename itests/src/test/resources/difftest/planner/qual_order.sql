-- Filter conditions are ordered by their evaluation cost (order_qual_clauses), the written order among equal costs.
create table q_qo_t (id int primary key, g int, h int);
explain (costs off) select * from q_qo_t where (g, id) <= (1, 20) and g = 1;
explain (costs off) select * from q_qo_t where g + h + 1 = 3 and h = 2 and g = 1;
explain (costs off) select * from q_qo_t where h = 2 and g = 1;
drop table q_qo_t;
