-- LISTEN / UNLISTEN / NOTIFY and pg_notify in one session: command tags, what psql reports
-- after each command (a session hears its own notifications after commit), transactional
-- semantics (rollback, savepoints, duplicates folded), pg_listening_channels and the errors.
-- Notifications between sessions are tested with the JDBC driver (NotifyTest).
SELECT * FROM pg_listening_channels();
LISTEN chan_a;
LISTEN "Mixed Case";
LISTEN chan_a;
SELECT * FROM pg_listening_channels() ORDER BY 1;
NOTIFY chan_a;
NOTIFY chan_a, 'hello';
NOTIFY "Mixed Case", 'with ''quotes'' and ünïcode';
NOTIFY not_listened, 'nobody hears this';
SELECT pg_notify('chan_a', 'from pg_notify');
SELECT pg_notify('chan_a', NULL);
SELECT pg_notify('chan_' || 'a', repeat('x', 10));
-- in a transaction: nothing arrives before COMMIT, duplicates are folded, order kept
BEGIN;
NOTIFY chan_a, 'one';
NOTIFY chan_a, 'two';
NOTIFY chan_a, 'one';
SELECT pg_notify('chan_a', 'two');
SELECT 'still in the transaction';
COMMIT;
-- rolled back: nothing
BEGIN;
NOTIFY chan_a, 'rolled back';
ROLLBACK;
-- savepoints
BEGIN;
NOTIFY chan_a, 'kept';
SAVEPOINT s1;
NOTIFY chan_a, 'undone';
ROLLBACK TO s1;
NOTIFY chan_a, 'after rollback to';
RELEASE s1;
COMMIT;
-- an error aborts the transaction's notifications
BEGIN;
NOTIFY chan_a, 'lost';
SELECT 1 / 0;
COMMIT;
-- LISTEN inside a transaction takes effect at commit
BEGIN;
LISTEN chan_b;
SELECT * FROM pg_listening_channels() ORDER BY 1;
NOTIFY chan_b, 'listen and notify in one transaction';
COMMIT;
SELECT * FROM pg_listening_channels() ORDER BY 1;
BEGIN;
UNLISTEN chan_b;
NOTIFY chan_b, 'unlistened in the same transaction';
COMMIT;
BEGIN;
LISTEN chan_c;
ROLLBACK;
SELECT * FROM pg_listening_channels() ORDER BY 1;
-- PL/pgSQL: PERFORM pg_notify, NOTIFY as a statement, an exception block undoing its part
DO $$
BEGIN
  PERFORM pg_notify('chan_a', 'from plpgsql');
  BEGIN
    PERFORM pg_notify('chan_a', 'undone by the handler');
    PERFORM 1 / 0;
  EXCEPTION WHEN division_by_zero THEN
    RAISE NOTICE 'caught';
  END;
END $$;
-- notifications in a read-only transaction are allowed
BEGIN READ ONLY;
NOTIFY chan_a, 'read only';
COMMIT;
-- errors
SELECT pg_notify('', 'x');
SELECT pg_notify(NULL, 'x');
SELECT pg_notify(repeat('c', 64), 'x');
SELECT pg_notify(repeat('c', 63), 'ok, not listened');
SELECT pg_notify('chan_a', repeat('x', 8000));
SELECT pg_notify('not_listened', repeat('x', 7999)) IS NOT NULL AS long_payload_ok;
SELECT pg_notify('chan_a', repeat('é', 4000));
SELECT pg_notify('chan_a', repeat('é', 3999) || 'x');
NOTIFY;
NOTIFY chan_a 'no comma';
NOTIFY chan_a, not_a_string;
LISTEN 'quoted';
UNLISTEN;
SELECT pg_notification_queue_usage() >= 0 AS usage_ok;
UNLISTEN "Mixed Case";
SELECT * FROM pg_listening_channels() ORDER BY 1;
NOTIFY "Mixed Case", 'not heard';
UNLISTEN *;
SELECT * FROM pg_listening_channels() ORDER BY 1;
NOTIFY chan_a, 'not heard either';
UNLISTEN never_listened;
LISTEN chan_d;
DISCARD ALL;
SELECT * FROM pg_listening_channels() ORDER BY 1;
