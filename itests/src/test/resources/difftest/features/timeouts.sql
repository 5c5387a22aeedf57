-- statement_timeout: 57014 "canceling statement due to statement timeout", per statement (also
-- each statement of a multi-statement Query, as PostgreSQL 13+), SET LOCAL, a timeout inside a
-- transaction block aborts it, the settings' SHOW forms. The idle timeouts end the session with
-- FATAL, so they are tested with the JDBC driver (StatementTimeoutTest).
SHOW statement_timeout;
SHOW idle_in_transaction_session_timeout;
SHOW idle_session_timeout;
-- (margins of a few hundred milliseconds: the machines running this may be busy)
SET statement_timeout = '700ms';
SHOW statement_timeout;
SELECT pg_sleep(3);
SELECT 'after the timeout' AS still_here;
SELECT pg_sleep(0.4);
SELECT pg_sleep(0.4);
-- one Query message, several statements: the timer starts again for each
SELECT pg_sleep(0.4) \; SELECT pg_sleep(0.4) \; SELECT 'each statement its own timer' AS ok;
-- the new value applies to the next statement of the same message
SET statement_timeout = 0 \; SELECT pg_sleep(0.3) \; SELECT 'no limit' AS ok;
SET statement_timeout = 100 \; SELECT pg_sleep(2) \; SELECT 'not reached';
SELECT 'the rest of that message did not run' AS ok;
SET statement_timeout = 0;
BEGIN;
SET LOCAL statement_timeout = 100;
SELECT count(*) FROM generate_series(1, 50000000);
SELECT 1;
ROLLBACK;
SHOW statement_timeout;
SET statement_timeout = '1min';
SHOW statement_timeout;
SET statement_timeout = 90000;
SHOW statement_timeout;
SET idle_session_timeout = '10s';
SHOW idle_session_timeout;
SET idle_in_transaction_session_timeout = '2min';
SHOW idle_in_transaction_session_timeout;
SET statement_timeout = -1;
SET statement_timeout = 'soon';
RESET ALL;
SHOW idle_session_timeout;
SELECT name, setting, unit, context, vartype, min_val, max_val FROM pg_settings
 WHERE name IN ('statement_timeout', 'lock_timeout', 'idle_in_transaction_session_timeout', 'idle_session_timeout')
 ORDER BY name;
