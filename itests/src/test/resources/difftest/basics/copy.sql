-- basics/copy: COPY FROM STDIN / TO STDOUT in text and CSV formats (escapes, quoting, HEADER, NULL, column lists, defaults), COPY (query), row and option errors with their CONTEXT, COPY into a view, COPY inside a rolled-back transaction
create table basics_copy_t (id int primary key, name text, price numeric(8,2), d date default '2024-01-01', note varchar(5));
copy basics_copy_t (id, name, price) from stdin;
1	apple	1.50
2	tab\there	\N
3	back\\slash	2
4	new\nline	3.333
\.
copy basics_copy_t from stdin with (format csv, header true);
id,name,price,d,note
5,"quoted, comma",1,2024-02-02,ab
6,"multi
line",,2024-03-03,
7,"say ""hi""",7,,""
\.
select * from basics_copy_t order by id;
copy basics_copy_t to stdout;
copy basics_copy_t (id, name) to stdout with (format csv, header);
copy (select id, name from basics_copy_t where id > 5 order by id) to stdout (delimiter '|');
copy basics_copy_t from stdin;
8	x
\.
copy basics_copy_t (id) from stdin;
9	extra
\.
copy basics_copy_t (id) from stdin;
abc
\.
copy basics_copy_t (id) from stdin;
1
\.
copy basics_copy_t (nope) from stdin;
copy basics_copy_t from stdin (format xml);
copy basics_copy_t from stdin (bogus);
copy basics_copy_t from stdin (delimiter 'ab');
copy basics_copy_t from stdin (format text, quote '"');
create view basics_copy_v as select * from basics_copy_t;
copy basics_copy_v to stdout;
copy basics_copy_v from stdin;
select count(*) from basics_copy_t;
begin;
copy basics_copy_t (id, name) from stdin;
100	in tx
\.
rollback;
select count(*) from basics_copy_t;
drop view basics_copy_v;
drop table basics_copy_t;
