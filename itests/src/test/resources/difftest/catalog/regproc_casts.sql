-- reg* casts from numbers and oids: regproc / regprocedure print the function (regprocout / regprocedureout), 0 prints -, text input as before.
select 65::regproc, 65::regprocedure, 65::oid::regprocedure, 65::int8::regproc, 0::regproc, 0::regprocedure;
select 'int4eq'::regproc::oid, 'int4eq(int4,int4)'::regprocedure::oid, 'int4eq(int4,int4)'::regprocedure, pg_typeof(65::regprocedure);
select o.oprname, o.oprcode::oid::regprocedure from pg_operator o where o.oid in (96, 551, 1054) order by o.oid;
select p.oid::regprocedure, p.oid::regproc from pg_proc p where p.oid in (65, 66, 177) order by p.oid;
select 65::regprocedure = 65::oid, 65::regproc::oid = 65;
select 'nosuch'::regproc;
select 'nosuch(int)'::regprocedure;
select 'int4eq'::regprocedure;
