-- catalog/deparse: pg_get_constraintdef / pg_get_expr / pg_get_indexdef pretty and not, as ruleutils prints CHECKs, DEFAULTs, expression indexes and partial-index predicates (psql's \d), EXPLAIN Sort keys of computed expressions and numeric constants
CREATE TABLE deparse_t (id serial PRIMARY KEY, code varchar(10) DEFAULT 'x', n numeric(10,2) DEFAULT 1.5,
  t text DEFAULT 'a' || 'b', d date DEFAULT current_date, b boolean DEFAULT true, arr int[] DEFAULT '{1,2}',
  CONSTRAINT deparse_chk CHECK (n > 0 and code <> ''), CONSTRAINT deparse_chk3 CHECK (t ~ '^a' and length(t) < 10),
  CONSTRAINT deparse_chk4 CHECK (n * 2 + 1 > 3 or b is null or not b), UNIQUE (code, n));
CREATE INDEX deparse_i1 ON deparse_t (lower(code));
CREATE INDEX deparse_i2 ON deparse_t ((n + 1));
CREATE INDEX deparse_i3 ON deparse_t (upper(t), id DESC) WHERE b;
CREATE INDEX deparse_i4 ON deparse_t ((code || 'x'));
CREATE INDEX deparse_i5 ON deparse_t ((coalesce(code, 'z')));
CREATE INDEX deparse_i6 ON deparse_t ((n * 2 + 1)) WHERE n > 0 and code IS NOT NULL;
CREATE INDEX deparse_i7 ON deparse_t ((t::int));
CREATE INDEX deparse_i8 ON deparse_t ((n - (1 - n)), ((n - 1) - n));
\d deparse_t
SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'deparse_t' ORDER BY 1;
SELECT c.relname, pg_get_indexdef(c.oid, 0, true), pg_get_indexdef(c.oid, 1, true), pg_get_indexdef(c.oid, 1, false)
  FROM pg_class c WHERE c.relname LIKE 'deparse_i%' ORDER BY 1;
SELECT conname, pg_get_constraintdef(oid), pg_get_constraintdef(oid, true) FROM pg_constraint
 WHERE conrelid = 'deparse_t'::regclass ORDER BY 1;
SELECT a.attname, pg_get_expr(d.adbin, d.adrelid), pg_get_expr(d.adbin, d.adrelid, true) FROM pg_attrdef d
  JOIN pg_attribute a ON a.attrelid = d.adrelid AND a.attnum = d.adnum WHERE d.adrelid = 'deparse_t'::regclass ORDER BY 1;
SELECT table_name, check_clause FROM information_schema.check_constraints c
  JOIN information_schema.table_constraints t USING (constraint_name) WHERE t.table_name = 'deparse_t' ORDER BY 2;
-- EXPLAIN: a Sort key the input computes is in parentheses
EXPLAIN (COSTS OFF) SELECT * FROM deparse_t ORDER BY lower(code);
EXPLAIN (COSTS OFF) SELECT id FROM deparse_t ORDER BY code || 'x';
EXPLAIN (COSTS OFF) SELECT * FROM deparse_t WHERE n + 1 > 3 ORDER BY n * 2;
EXPLAIN (COSTS OFF) SELECT lower(code), count(*) FROM deparse_t GROUP BY 1 ORDER BY 1;
EXPLAIN (COSTS OFF) SELECT sum(n) OVER (ORDER BY lower(code)) FROM deparse_t;
EXPLAIN (COSTS OFF) SELECT * FROM deparse_t WHERE n + 1.5 > 2 AND n - 1 < -1;
DROP TABLE deparse_t;
