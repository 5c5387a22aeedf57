-- tsvector and tsquery: I/O, comparisons, operators; the default parser, simple and english configurations, to_tsvector, the to_tsquery family, @@, ts_rank, regconfig, default_text_search_config, ts_lexize, ts_parse, the pg_ts_* catalogs
SELECT 'a fat cat sat on a mat and ate a fat rat'::tsvector;
SELECT $$the lexeme '    ' contains spaces$$::tsvector;
SELECT $$the lexeme 'Joe''s' contains a quote$$::tsvector;
SELECT 'a:1 fat:2 cat:3 sat:4 on:5 a:6 mat:7 and:8 ate:9 a:10 fat:11 rat:12'::tsvector;
SELECT 'a:1A fat:2B,4C cat:5D'::tsvector;
SELECT 'b:3,1,2,1 a:2a,2b,2'::tsvector;
SELECT 'x:20000 y:0001'::tsvector;
SELECT 'a b:1 b'::tsvector;
SELECT ''::tsvector, '   '::tsvector;
SELECT E'back\\\\slash x\\ y'::tsvector;
SELECT 'zebra Apple apple éclair eclair z'::tsvector;
SELECT 'a:0'::tsvector;
SELECT 'a:x'::tsvector;
SELECT 'a:1AB'::tsvector;
SELECT $$'unterminated$$::tsvector;
SELECT 'a: b'::tsvector;
SELECT ''''::tsvector;
SELECT 'a b'::tsvector = 'b a'::tsvector, 'a:1'::tsvector = 'a'::tsvector, 'a'::tsvector < 'b'::tsvector,
       'ab'::tsvector > 'b'::tsvector, 'a b'::tsvector >= 'c'::tsvector, 'a:1'::tsvector <> 'a:2'::tsvector;
CREATE TABLE tsearch_t (id int, v tsvector);
INSERT INTO tsearch_t VALUES (1, 'b:2 a:1'), (2, 'a'), (3, 'a:1 b:2 c:3'), (4, 'zz:1A'), (5, ''), (6, NULL), (7, 'a:3');
SELECT id, v FROM tsearch_t ORDER BY v, id;
SELECT id, length(v), strip(v), setweight(v, 'A'), setweight(v, 'b') FROM tsearch_t ORDER BY id;
SELECT v, tsvector_to_array(v) FROM tsearch_t ORDER BY id;
SELECT a.v || b.v FROM tsearch_t a, tsearch_t b WHERE a.id = 3 AND b.id IN (1, 2, 4) ORDER BY b.id;
SELECT 'a:1 b:2'::tsvector || 'a:1 c:2'::tsvector, 'a b'::tsvector || 'c:5'::tsvector;
SELECT array_to_tsvector(ARRAY['fat', 'cat', 'fat', 'rat']);
SELECT array_to_tsvector(ARRAY['fat', NULL]);
SELECT array_to_tsvector(ARRAY['fat', '']);
SELECT ARRAY['a:1 b'::tsvector, 'c'], pg_typeof('a'::tsvector), 'a:1'::tsvector::text;
SELECT count(*) FROM tsearch_t GROUP BY v ORDER BY 1 LIMIT 1;
SELECT * FROM unnest('cat:3 fat:2,4A,5B rat:5C sat'::tsvector);
SELECT lexeme, positions[1], weights FROM unnest('b:2 a:1'::tsvector) ORDER BY 1;
SELECT t.id, u.lexeme FROM tsearch_t t, unnest(t.v) u ORDER BY 1, 2;
SELECT unnest('x:1 y'::tsvector);
DROP TABLE tsearch_t;
-- tsquery: input and normalised output, operators' priorities, parentheses, weights, prefixes, phrase distances, errors
SELECT 'fat & rat'::tsquery, 'fat & (rat | cat)'::tsquery, 'fat & rat & ! cat'::tsquery;
SELECT 'a | b & c'::tsquery, '(a | b) & c'::tsquery, 'a & b | c & d'::tsquery, '!(a & b)'::tsquery, '!!a'::tsquery;
SELECT 'a <-> b'::tsquery, 'a <2> b <-> c'::tsquery, 'a <-> (b <-> c)'::tsquery, '(a <-> b) & c'::tsquery, 'a <0> b'::tsquery;
SELECT 'a & b <-> c'::tsquery, 'a <-> (b | c)'::tsquery, '!a <-> b'::tsquery, '(a & b) <3> !c'::tsquery;
SELECT 'super:*'::tsquery, 'fat:ab & cat:*B'::tsquery, 'x:DCBA'::tsquery, 'y:*a*'::tsquery, $$'a b':*C$$::tsquery;
SELECT $$'Joe''s' & 'back\\slash'$$::tsquery, 'Fat & RAT'::tsquery, E'x\\&y'::tsquery, 'éclair | café'::tsquery;
SELECT '   a   &   b   '::tsquery, 'a&b|c'::tsquery, '((a))'::tsquery;
SELECT 'a b'::tsquery;
SELECT 'a &'::tsquery;
SELECT '& a'::tsquery;
SELECT '(a'::tsquery;
SELECT 'a)'::tsquery;
SELECT '()'::tsquery;
SELECT 'a <-1> b'::tsquery;
SELECT 'a <16385> b'::tsquery;
SELECT 'a <x> b'::tsquery;
SELECT ':a'::tsquery;
SELECT '!'::tsquery;
SELECT 'a & b'::tsquery = 'a&b'::tsquery, 'a & b'::tsquery = 'b & a'::tsquery, 'a'::tsquery < 'a & b'::tsquery,
       'abc'::tsquery > 'ab'::tsquery, 'a | b'::tsquery <> 'a & b'::tsquery;
CREATE TABLE tsq_t (id int, q tsquery);
INSERT INTO tsq_t VALUES (1, 'a & b'), (2, 'b'), (3, 'a | b'), (4, 'cat'), (5, 'dog'), (6, 'a <-> b'), (7, '!a'), (8, NULL),
  (9, 'zebra:*'), (10, 'x & y & z');
SELECT id, q FROM tsq_t ORDER BY q, id;
SELECT id, numnode(q), querytree(q) FROM tsq_t ORDER BY id;
SELECT a.q && b.q, a.q || b.q, a.q <-> b.q, !! a.q FROM tsq_t a, tsq_t b WHERE a.id IN (1, 3) AND b.id IN (2, 6) ORDER BY a.id, b.id;
SELECT tsquery_phrase('a', 'b | c'), tsquery_phrase('a & b', 'c', 3), querytree('!a & b | !c'), querytree('!a & !b'), querytree('a & !b <-> c');
SELECT tsquery_phrase('a', 'b', -1);
SELECT ARRAY['a & b'::tsquery, 'c'], pg_typeof('a'::tsquery), 'a & b'::tsquery::text;
DROP TABLE tsq_t;
-- to_tsvector: the default parser's tokens through the simple and english configurations
SELECT to_tsvector('english', 'The quick brown foxes jumped over the lazy dogs');
SELECT to_tsvector('simple', 'The quick brown foxes jumped over the lazy dogs');
SELECT to_tsvector('english', 'a fat  cat sat on a mat - it ate a fat rats');
SELECT to_tsvector('english', 'Self-driving cars use state-of-the-art AI; co-operation is key.');
SELECT to_tsvector('english', 'PostgreSQL 15.2 was released on 2023-02-09; see https://www.postgresql.org/docs/15/release-15-2.html');
SELECT to_tsvector('english', 'Mail john.smith@example.com or visit example.com/contact?id=5 or www.example.com:8080/x');
SELECT to_tsvector('english', 'Files /usr/local/bin/psql ../relative/path.txt ~/notes.md and C:\Windows');
SELECT to_tsvector('english', 'Version 1.2.3, -1.5, +42, 3.14e-10, 1e5, 0.5, 123abc, abc123, a1-b2, 10.0.0.1');
SELECT to_tsvector('english', 'Crème brûlée and café au lait; naïve façade; Москва; 東京');
SELECT to_tsvector('english', '<b>Bold</b> text &amp; entities &#169; <!-- comment --> <script>var x = 1;</script> after');
SELECT to_tsvector('simple', 'foo--bar foo-bar-baz 123-456 abc-123 x-1y under_score CamelCase ALLCAPS');
SELECT to_tsvector('english', 'generously communication arsenal skies dying news proceeded exceeding happily hopping hoping');
SELECT to_tsvector('english', 'I me my we our you he she it they what which who this that am is are was be have do a an the and but if or because as until while of at by for with about between into through during before after above below to from up down in out on off over under again further then once here there when where why how all any both each few more most other some such no nor not only own same so than too very s t can will just don should now');
SELECT to_tsvector('english', ''), to_tsvector('english', '   ...   '), to_tsvector('english', 'the a an');
SELECT to_tsvector('The Fat Rats'), to_tsvector(NULL::text), pg_typeof(to_tsvector('x'));
-- regconfig and default_text_search_config
SELECT 'english'::regconfig, 'pg_catalog.simple'::regconfig, 'English'::regconfig, '3748'::regconfig, pg_typeof('simple'::regconfig);
SELECT 'nosuch'::regconfig;
SELECT to_tsvector('nosuch', 'x');
SELECT 'simple'::regconfig::oid = 3748, get_current_ts_config();
SHOW default_text_search_config;
SET default_text_search_config = 'simple';
SHOW default_text_search_config;
SELECT to_tsvector('The Fat Rats'), get_current_ts_config(), to_tsquery('The & Rats');
SET default_text_search_config = 'nosuch';
RESET default_text_search_config;
SHOW default_text_search_config;
-- ts_lexize, ts_token_type, ts_parse
SELECT ts_lexize('english_stem', 'stars'), ts_lexize('english_stem', 'the'), ts_lexize('simple', 'The'), ts_lexize('english_stem', 'Running');
SELECT ts_lexize('nosuch', 'x');
SELECT * FROM ts_token_type('default') ORDER BY tokid;
SELECT * FROM ts_parse('default', 'The cat-like 3.14 e-mail: a@b.com http://x.org/y');
-- to_tsquery and friends
SELECT to_tsquery('english', 'The & Fat & Rats'), to_tsquery('english', 'Fat | Rats:AB'), to_tsquery('english', 'supern:*A & star:A*B');
SELECT to_tsquery('english', 'supernovae-stars'), to_tsquery('english', 'fat <-> the <-> rat'), to_tsquery('english', '!the & cat');
SELECT plainto_tsquery('english', 'The Fat Rats'), plainto_tsquery('english', 'The Fat & Rats:C'), plainto_tsquery('simple', 'a b-c');
SELECT phraseto_tsquery('english', 'The Fat Rats'), phraseto_tsquery('english', 'The Cat and Rats'), phraseto_tsquery('english', 'the');
SELECT websearch_to_tsquery('english', '"supernovae stars" -crab'), websearch_to_tsquery('english', '"sad cat" or "fat rat"');
SELECT websearch_to_tsquery('english', 'signal -"segmentation fault"'), websearch_to_tsquery('english', 'the or and');
SELECT to_tsquery('english', 'the');
SELECT to_tsquery('english', '');
SELECT plainto_tsquery('english', '');
SELECT to_tsquery('english', 'fat &');
-- @@ with weights, prefixes, phrases, stripped vectors
SELECT to_tsvector('english', 'fat cats ate rats') @@ to_tsquery('english', 'cat & rat'),
       to_tsquery('english', 'cat & rat') @@ to_tsvector('english', 'fat cats ate rats'),
       'fat cats ate rats'::text @@ to_tsquery('english', 'cat'), 'fat cats ate rats'::text @@ 'cats';
SELECT to_tsvector('fatal error') @@ to_tsquery('fatal <-> error'), to_tsvector('error is not fatal') @@ to_tsquery('fatal <-> error'),
       to_tsvector('error is not fatal') @@ to_tsquery('error <3> fatal'), to_tsvector('error is not fatal') @@ to_tsquery('error <2> fatal');
SELECT 'a:1A b:2B c:3C'::tsvector @@ 'a:A & b:B', 'a:1A b:2B'::tsvector @@ 'a:B', 'a:1A b:2B'::tsvector @@ 'b:AB',
       'abc:1 abd:2'::tsvector @@ 'ab:*', 'abc:1 abd:2'::tsvector @@ 'ab', 'abc:1A'::tsvector @@ 'ab:*B';
SELECT 'a b'::tsvector @@ 'a & b', 'a b'::tsvector @@ 'a <-> b', strip('a:1 b:2'::tsvector) @@ 'a <-> b', 'a:1 b:2'::tsvector @@ 'a <-> b';
SELECT 'a:1 b:2 c:3'::tsvector @@ 'a <-> !c', 'a:1 b:2 c:3'::tsvector @@ 'a <-> !b', 'a:1 b:2 c:3'::tsvector @@ '!a <-> b',
       'a:1 b:2 c:3'::tsvector @@ '(a | c) <-> b', 'a:1 b:2 c:3'::tsvector @@ 'a <-> (b <-> c)', 'a:1 b:2 c:3'::tsvector @@ 'a <2> c';
SELECT ''::tsvector @@ 'a', 'a'::tsvector @@ to_tsquery('simple', ''), 'a'::tsvector @@ '!b', 'a'::tsvector @@ '!a';
-- ranking
SELECT ts_rank(to_tsvector('english', 'a fat cat sat on a mat and ate a fat rat'), to_tsquery('english', 'fat & rat')),
       ts_rank_cd(to_tsvector('english', 'a fat cat sat on a mat and ate a fat rat'), to_tsquery('english', 'fat & rat')),
       ts_rank(to_tsvector('english', 'a fat cat sat on a mat and ate a fat rat'), to_tsquery('english', 'fat | dog')),
       ts_rank_cd(to_tsvector('english', 'a fat cat sat on a mat and ate a fat rat'), to_tsquery('english', 'fat <-> rat'));
SELECT ts_rank('a:1A b:2B c:3'::tsvector, 'a & b'), ts_rank('{0.1,0.2,0.4,1.0}', 'a:1A b:2B c:3'::tsvector, 'a | c'),
       ts_rank_cd('a:1A b:2B c:3'::tsvector, 'a & c', 1), ts_rank_cd('a:1A b:2B c:3'::tsvector, 'a & c', 2 | 4 | 32),
       ts_rank('a b c'::tsvector, 'a & b'), ts_rank_cd('a b c'::tsvector, 'a & b'), ts_rank(''::tsvector, 'a');
-- the text search catalogs as psql shows them
\dF english
\dF+ simple
\dFd english_stem
\dFd+ simple
\dFp
\dFt
SELECT cfgname, cfgparser FROM pg_ts_config WHERE cfgname IN ('simple', 'english') ORDER BY 1;
SELECT dictname, dictinitoption FROM pg_ts_dict WHERE dictname IN ('simple', 'english_stem') ORDER BY 1;
SELECT (SELECT alias FROM ts_token_type('default') t WHERE t.tokid = m.maptokentype), m.mapdict::regdictionary
  FROM pg_ts_config_map m WHERE m.mapcfg = 'english'::regconfig ORDER BY m.maptokentype;
