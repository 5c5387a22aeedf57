-- full-text search over a small documents table: a generated tsvector column, to_tsquery / plainto / phraseto / websearch, @@, ts_rank and ts_rank_cd ordering, weights, prefixes, phrases, errors
CREATE TABLE fts_docs (
  id int PRIMARY KEY,
  title text NOT NULL,
  body text NOT NULL,
  tsv tsvector GENERATED ALWAYS AS (setweight(to_tsvector('english', title), 'A') || setweight(to_tsvector('english', body), 'D')) STORED
);
INSERT INTO fts_docs (id, title, body) VALUES
  (1, 'Getting started with PostgreSQL', 'PostgreSQL is a powerful, open source object-relational database system. It has more than 35 years of active development and a proven architecture that has earned it a strong reputation for reliability, feature robustness, and performance.'),
  (2, 'Full-text search explained', 'Full-text searching provides the capability to identify natural-language documents that satisfy a query, and optionally to sort them by relevance to the query. The most common type of search is to find all documents containing given query terms and return them in order of their similarity to the query.'),
  (3, 'The quick brown fox', 'The quick brown fox jumps over the lazy dog. Foxes are small, omnivorous mammals; a fox is quick and clever, and dogs are often lazy.'),
  (4, 'Indexes and performance', 'Indexes are a common way to enhance database performance. An index allows the database server to find and retrieve specific rows much faster than it could do without an index. But indexes also add overhead to the database system as a whole.'),
  (5, 'Cooking with herbs', 'Fresh basil, thyme and rosemary make a simple tomato sauce taste wonderful. Chop the herbs finely and add them at the end of cooking.'),
  (6, 'Release notes 15.2', 'This release contains a variety of fixes from 15.1. Users running 15.x should upgrade; see https://www.postgresql.org/docs/15/release-15-2.html or write to pgsql-bugs@lists.postgresql.org for details.');
SELECT id, tsv FROM fts_docs WHERE id IN (3, 5) ORDER BY id;
SELECT id, title FROM fts_docs WHERE tsv @@ to_tsquery('english', 'database & performance') ORDER BY id;
SELECT id, title FROM fts_docs WHERE tsv @@ to_tsquery('english', 'fox | herb') ORDER BY id;
SELECT id, title FROM fts_docs WHERE tsv @@ to_tsquery('english', 'quick <-> brown <-> fox') ORDER BY id;
SELECT id, title FROM fts_docs WHERE tsv @@ to_tsquery('english', 'index:*') ORDER BY id;
SELECT id, title FROM fts_docs WHERE tsv @@ to_tsquery('english', 'search:A') ORDER BY id;
SELECT id, title FROM fts_docs WHERE tsv @@ to_tsquery('english', 'search:D & !fox') ORDER BY id;
SELECT id, title FROM fts_docs WHERE tsv @@ plainto_tsquery('english', 'the lazy dogs') ORDER BY id;
SELECT id, title FROM fts_docs WHERE tsv @@ phraseto_tsquery('english', 'lazy dog') ORDER BY id;
SELECT id, title FROM fts_docs WHERE tsv @@ websearch_to_tsquery('english', '"open source" database -herbs') ORDER BY id;
SELECT id, title FROM fts_docs WHERE tsv @@ websearch_to_tsquery('english', 'tomato or fox') ORDER BY id;
SELECT id, title FROM fts_docs WHERE to_tsvector('english', body) @@ to_tsquery('english', 'postgresql.org') ORDER BY id;
SELECT id, ts_rank(tsv, q) AS rank, ts_rank_cd(tsv, q) AS rank_cd
  FROM fts_docs, to_tsquery('english', 'database | index | query') q WHERE tsv @@ q ORDER BY rank DESC, id;
SELECT id, ts_rank(tsv, q, 1), ts_rank(tsv, q, 2), ts_rank(tsv, q, 8), ts_rank(tsv, q, 32), ts_rank_cd(tsv, q, 4), ts_rank_cd(tsv, q, 16)
  FROM fts_docs, to_tsquery('english', 'database & system') q WHERE tsv @@ q ORDER BY id;
SELECT id, ts_rank('{0.1, 0.2, 0.4, 1.0}', tsv, q), ts_rank('{1, 1, 1, 1}', tsv, q), ts_rank_cd('{0.5, 0.5, 0.5, 0.5}', tsv, q)
  FROM fts_docs, to_tsquery('english', 'fox & quick') q WHERE tsv @@ q ORDER BY id;
SELECT id, title, ts_rank_cd(tsv, q) FROM fts_docs, websearch_to_tsquery('english', 'quick fox') q
  WHERE tsv @@ q ORDER BY ts_rank_cd(tsv, q) DESC, id LIMIT 3;
UPDATE fts_docs SET body = body || ' Now with a fox.' WHERE id = 5;
SELECT id FROM fts_docs WHERE tsv @@ to_tsquery('english', 'fox') ORDER BY id;
SELECT count(*) FROM fts_docs WHERE body @@ to_tsquery('english', 'lazy');
SELECT count(*) FROM fts_docs WHERE body @@ 'lazy dog';
SELECT ts_rank(tsv, to_tsquery('english', 'fox'), -1) FROM fts_docs WHERE id = 3;
SELECT ts_rank('{0.1, 0.2}', tsv, to_tsquery('english', 'fox')) FROM fts_docs WHERE id = 3;
SELECT ts_rank('{0.1, 0.2, 0.4, 2}', tsv, to_tsquery('english', 'fox')) FROM fts_docs WHERE id = 3;
SELECT ts_rank('{0.1, NULL, 0.4, 1}', tsv, to_tsquery('english', 'fox')) FROM fts_docs WHERE id = 3;
INSERT INTO fts_docs (id, title, body, tsv) VALUES (7, 'x', 'y', 'z');
DROP TABLE fts_docs;
