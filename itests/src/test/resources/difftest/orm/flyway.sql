-- Flyway (13, PostgreSQL): what migrate sends around the migrations: connect-time probes, the schema and history-table creation, the transaction-scoped advisory lock, SET ROLE back to the session's user after each step (Flyway's restore of the connection's state), the history reads and inserts; parameters of the real prepared statements are written as literals.
SHOW search_path;
SELECT rolname FROM pg_roles WHERE rolname ILIKE 'rds_superuser';
SELECT current_schema;
select current_catalog;
SELECT COUNT(*) FROM pg_namespace WHERE nspname='orm_fw';
BEGIN;
SELECT COUNT(*) FROM pg_namespace WHERE nspname='orm_fw';
CREATE SCHEMA "orm_fw";
SELECT pg_try_advisory_xact_lock(77431324247761);
SELECT set_config('role', current_user, false) = current_user AS same;
SET ROLE none;
SELECT EXISTS (
  SELECT 1
  FROM   pg_catalog.pg_class c
  JOIN   pg_catalog.pg_namespace n ON n.oid = c.relnamespace
  WHERE  n.nspname = 'orm_fw'
  AND    c.relname = 'flyway_schema_history'
  AND    c.relkind = 'r'
);
CREATE TABLE "orm_fw"."flyway_schema_history" (
    "installed_rank" INT NOT NULL,
    "version" VARCHAR(50),
    "description" VARCHAR(200) NOT NULL,
    "type" VARCHAR(20) NOT NULL,
    "script" VARCHAR(1000) NOT NULL,
    "checksum" INTEGER,
    "installed_by" VARCHAR(100) NOT NULL,
    "installed_on" TIMESTAMP NOT NULL DEFAULT now(),
    "execution_time" INTEGER NOT NULL,
    "success" BOOLEAN NOT NULL
);
ALTER TABLE "orm_fw"."flyway_schema_history" ADD CONSTRAINT "flyway_schema_history_pk" PRIMARY KEY ("installed_rank");
CREATE INDEX "flyway_schema_history_s_idx" ON "orm_fw"."flyway_schema_history" ("success");
COMMIT;
/*NO LOAD BALANCE*/
SELECT "installed_rank","version","description","type","script","checksum","installed_by","execution_time","success" FROM "orm_fw"."flyway_schema_history" WHERE "installed_rank" > -1 ORDER BY "installed_rank";
BEGIN;
SELECT pg_try_advisory_xact_lock(77431324247761);
INSERT INTO "orm_fw"."flyway_schema_history" ("installed_rank", "version", "description", "type", "script", "checksum", "installed_by", "execution_time", "success") VALUES (0, NULL, '<< Flyway Schema Creation >>', 'SCHEMA', '"orm_fw"', NULL, current_user, 0, true);
COMMIT;
SELECT set_config('search_path', '"orm_fw","$user", public', false);
create table orm_fw_item (id bigserial primary key, name varchar(40) not null);
insert into orm_fw_item (name) values ('a');
INSERT INTO "orm_fw"."flyway_schema_history" ("installed_rank", "version", "description", "type", "script", "checksum", "installed_by", "execution_time", "success") VALUES (1, '1', 'init', 'SQL', 'V1__init.sql', 2051996598, current_user, 47, true);
SELECT "installed_rank","version","description","type","script","checksum","installed_by" = current_user AS by_me,"execution_time","success" FROM "orm_fw"."flyway_schema_history" WHERE "installed_rank" > 0 ORDER BY "installed_rank";
SELECT set_config('search_path', '"$user", public', false);
-- a role Tusk does not have
SET ROLE orm_fw_nobody;
RESET ROLE;
SHOW role;
drop table orm_fw.orm_fw_item;
drop table orm_fw.flyway_schema_history;
drop schema orm_fw;
