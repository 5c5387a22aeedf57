-- features/unnest_arrays: unnest of several arrays in FROM (rows as long as the longest, NULL past the shorter, a NULL array empty), with column aliases, WITH ORDINALITY, and the bulk INSERT / UPDATE ... FROM unnest($1, $2) applications send
CREATE TABLE q_una_t (id int PRIMARY KEY, name text, score numeric);
SELECT * FROM unnest(ARRAY[1,2], ARRAY['a','b']);
SELECT * FROM unnest(ARRAY[1,2,3], ARRAY['a']) AS u(n, s) ORDER BY n;
SELECT * FROM unnest(ARRAY[1,2], NULL::text[], ARRAY[true]) AS u(n, s, b);
SELECT * FROM unnest(ARRAY[10,20], ARRAY['x','y']) WITH ORDINALITY AS u(v, s, i);
PREPARE q_una_ins(int[], text[], numeric[]) AS
  INSERT INTO q_una_t (id, name, score) SELECT * FROM unnest($1, $2, $3) RETURNING id;
EXECUTE q_una_ins('{1,2,3}', '{ann,bob,cid}', '{1.5,2.5,NULL}');
PREPARE q_una_upd(int[], numeric[]) AS
  UPDATE q_una_t t SET score = u.s FROM unnest($1, $2) AS u(id, s) WHERE t.id = u.id;
EXECUTE q_una_upd('{1,3}', '{9,8}');
SELECT * FROM q_una_t ORDER BY id;
SELECT t.name, u.tag FROM q_una_t t, unnest(ARRAY[t.id, t.id * 10], ARRAY['lo', 'hi']) AS u(n, tag) WHERE t.id = 2 ORDER BY u.n;
DEALLOCATE q_una_ins;
DEALLOCATE q_una_upd;
-- errors
SELECT * FROM unnest(ARRAY[1], 5);
DROP TABLE q_una_t;
