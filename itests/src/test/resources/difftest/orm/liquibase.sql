-- Liquibase (4.33, PostgreSQL): the change-log lock and history tables as update creates, probes and writes them (the missing-lock-table probe, the lock's compare-and-set UPDATE, the history inserts and checksum reads); the schema is orm_lb and the host-dependent LOCKEDBY text is a constant.
create schema orm_lb;
SELECT COUNT(*) FROM orm_lb.databasechangeloglock;
CREATE TABLE orm_lb.databasechangeloglock (ID INTEGER NOT NULL, LOCKED BOOLEAN NOT NULL, LOCKGRANTED TIMESTAMP WITHOUT TIME ZONE, LOCKEDBY VARCHAR(255), CONSTRAINT databasechangeloglock_pkey PRIMARY KEY (ID));
SELECT COUNT(*) FROM orm_lb.databasechangeloglock;
DELETE FROM orm_lb.databasechangeloglock;
INSERT INTO orm_lb.databasechangeloglock (ID, LOCKED) VALUES (1, FALSE);
SELECT LOCKED FROM orm_lb.databasechangeloglock WHERE ID=1;
UPDATE orm_lb.databasechangeloglock SET LOCKED = TRUE, LOCKEDBY = 'host (127.0.0.1)', LOCKGRANTED = NOW() WHERE ID = 1 AND LOCKED = FALSE;
-- a second updater finds it taken
UPDATE orm_lb.databasechangeloglock SET LOCKED = TRUE, LOCKEDBY = 'other (127.0.0.2)', LOCKGRANTED = NOW() WHERE ID = 1 AND LOCKED = FALSE;
SELECT ID, LOCKED, LOCKGRANTED IS NOT NULL AS granted, LOCKEDBY FROM orm_lb.databasechangeloglock WHERE ID = 1;
CREATE TABLE orm_lb.databasechangelog (ID VARCHAR(255) NOT NULL, AUTHOR VARCHAR(255) NOT NULL, FILENAME VARCHAR(255) NOT NULL, DATEEXECUTED TIMESTAMP WITHOUT TIME ZONE NOT NULL, ORDEREXECUTED INTEGER NOT NULL, EXECTYPE VARCHAR(10) NOT NULL, MD5SUM VARCHAR(35), DESCRIPTION VARCHAR(255), COMMENTS VARCHAR(255), TAG VARCHAR(255), LIQUIBASE VARCHAR(20), CONTEXTS VARCHAR(255), LABELS VARCHAR(255), DEPLOYMENT_ID VARCHAR(10));
SELECT COUNT(*) FROM orm_lb.databasechangelog;
SELECT * FROM orm_lb.databasechangelog ORDER BY DATEEXECUTED ASC, ORDEREXECUTED ASC;
SELECT MAX(ORDEREXECUTED) FROM orm_lb.databasechangelog;
INSERT INTO orm_lb.databasechangelog (ID, AUTHOR, FILENAME, DATEEXECUTED, ORDEREXECUTED, MD5SUM, DESCRIPTION, COMMENTS, EXECTYPE, CONTEXTS, LABELS, LIQUIBASE, DEPLOYMENT_ID) VALUES ('1', 'dev', 'changelog.sql', NOW(), 1, '9:bcde7d84c3da82ed42e2e80c58e37b7f', 'sql', '', 'EXECUTED', NULL, NULL, '4.33.0', '6181946154');
INSERT INTO orm_lb.databasechangelog (ID, AUTHOR, FILENAME, DATEEXECUTED, ORDEREXECUTED, MD5SUM, DESCRIPTION, COMMENTS, EXECTYPE, CONTEXTS, LABELS, LIQUIBASE, DEPLOYMENT_ID) VALUES ('2', 'dev', 'changelog.sql', NOW(), 2, '9:0335ba5b2f65783f6b916479a5e97b43', 'sql', '', 'EXECUTED', NULL, NULL, '4.33.0', '6181946154');
SELECT MAX(ORDEREXECUTED) FROM orm_lb.databasechangelog;
SELECT ID, AUTHOR, FILENAME, ORDEREXECUTED, EXECTYPE, MD5SUM, DESCRIPTION, COMMENTS, TAG, LIQUIBASE, CONTEXTS, LABELS, DEPLOYMENT_ID FROM orm_lb.databasechangelog ORDER BY DATEEXECUTED ASC, ORDEREXECUTED ASC;
SELECT MD5SUM FROM orm_lb.databasechangelog WHERE MD5SUM IS NOT NULL AND MD5SUM NOT LIKE '9:%';
UPDATE orm_lb.databasechangeloglock SET LOCKED = FALSE, LOCKEDBY = NULL, LOCKGRANTED = NULL WHERE ID = 1;
SELECT LOCKED FROM orm_lb.databasechangeloglock WHERE ID=1;
drop table orm_lb.databasechangelog;
drop table orm_lb.databasechangeloglock;
drop schema orm_lb;
