-- pg_settings: PostgreSQL's columns, the session's value in the base unit, source "session" after SET, RESET's value, enum values.
set work_mem = '8MB';
select name, setting, unit, context, vartype, source, boot_val, reset_val, min_val, max_val from pg_settings where name = 'work_mem';
select name, unit, context, vartype, boot_val, enumvals from pg_settings where name in ('client_min_messages', 'search_path', 'DateStyle', 'statement_timeout', 'lock_timeout') order by name;
select count(*) from pg_settings where name = 'no_such_setting';
select setting = current_setting('max_connections') as same from pg_settings where name = 'max_connections';
reset work_mem;
select setting, source from pg_settings where name = 'work_mem';
