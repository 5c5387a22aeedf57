-- features/session_authorization: SET [SESSION | LOCAL] SESSION AUTHORIZATION name / 'name' / DEFAULT, RESET SESSION AUTHORIZATION, the session_authorization setting (Tusk has one role: the session's user)
SET SESSION AUTHORIZATION postgres;
SET SESSION AUTHORIZATION 'postgres';
SET SESSION AUTHORIZATION session_authorization_nosuch;
SET SESSION AUTHORIZATION 'session_authorization_nosuch';
SET SESSION AUTHORIZATION DEFAULT;
RESET SESSION AUTHORIZATION;
SHOW session_authorization;
SELECT session_user, current_user;
BEGIN;
SET LOCAL SESSION AUTHORIZATION postgres;
COMMIT;
SET SESSION SESSION AUTHORIZATION postgres;
SET session_authorization = postgres;
SET session_authorization TO DEFAULT;
RESET session_authorization;
SHOW session_authorization;
