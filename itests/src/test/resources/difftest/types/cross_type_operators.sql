-- Operators between different types (int2/int4/int8 mixed, date/timestamp/timestamptz, name/text, date + timetz, pattern comparisons, bytea LIKE): result types, overflow errors, pg_operator rows.
select pg_typeof(1::int2 + 1::int8), pg_typeof(1::int2 + 1), pg_typeof(1::int8 + 1::int2), pg_typeof(1::int4 * 1::int8), pg_typeof(1::int2 - 1::int2);
select 32767::int2 + 1::int2;
select 32767::int2 + 1;
select 32767::int2 * 2::int2;
select 2147483647::int4 + 1::int8;
select 2147483647::int4 + 1::int2;
select 9223372036854775807::int8 + 1::int2;
select 9223372036854775807::int8 - (-1)::int4;
select 9223372036854775807::int8 * 2::int4;
select (-32768)::int2 * (-1)::int4, (-32768)::int2 / (-1)::int8;
select (-32768)::int2 / (-1)::int2;
select (-2147483648)::int4 / (-1)::int2;
select (-9223372036854775808)::int8 / (-1)::int2;
select (-9223372036854775808)::int8 / (-1)::int4;
select 5::int2 / 2::int8, 5::int8 % 3::int2, 5::int4 % 3::int2, 7::int2 - 3::int8, -7::int4 / 2::int2;
select 5::int2 / 0::int8;
select 5::int8 / 0::int4;
select 5::int4 % 0::int2;
select 1::int2 = 1::int8, 1::int2 < 2::int4, 3::int8 >= 2::int2, 1::int4 <> 1::int8, 2::int8 > 1::int4, 2::int4 <= 1::int2;
select pg_typeof(1.5::float4 + 2.5::float8), 1.5::float4 < 2.5::float8, pg_typeof(1::float4 * 2::float8), 1::float8 = 1::float4;
-- date, timestamp, timestamptz
select '2020-01-01'::date < '2020-01-01 10:00'::timestamp, '2020-01-01'::date = '2020-01-01'::timestamp, '2020-01-01'::date >= '2020-01-01 00:00+00'::timestamptz;
select '2020-01-01 10:00'::timestamp > '2020-01-01'::date, '2020-01-01 00:00+00'::timestamptz <= '2020-01-01'::date, 'infinity'::date > '2020-01-01'::timestamp;
select '2020-01-01'::timestamp = '2020-01-01 00:00+00'::timestamptz, '2020-01-01 00:00+00'::timestamptz < '2020-01-02'::timestamp;
set timezone = 'America/New_York';
select '2020-01-01'::date = '2020-01-01 05:00+00'::timestamptz, '2020-01-01'::timestamp < '2020-01-01 04:00+00'::timestamptz;
reset timezone;
select '2020-01-01'::date + '10:30'::time, '10:30'::time + '2020-01-01'::date, '2020-01-01'::date - '10:30'::time;
select '2020-01-01'::date + '10:30+02'::timetz, '10:30-05'::timetz + '2020-01-01'::date, pg_typeof('2020-01-01'::date + '10:30+02'::timetz);
select '2020-01-01'::date + '1 day 2 hours'::interval, '2020-01-01'::date - '1 day'::interval, '1 day'::interval + '2020-01-01'::date;
select '10:30'::time + '2 hours'::interval, '10:30'::time - '11 hours'::interval, '2 hours'::interval + '10:30'::time;
select '10:30+02'::timetz + '15 hours'::interval, '10:30+02'::timetz - '1 hour'::interval, '1 hour'::interval + '23:30+02'::timetz;
select '2020-01-02 10:00'::timestamp - '2020-01-01'::timestamp, '10:30'::time - '09:00'::time;
-- name and text, pattern operators
select 'abc'::name = 'abc'::text, 'abc'::text < 'abd'::name, 'b'::name >= 'a'::text, pg_typeof('x'::name || 'y');
select 'abc' ~~ 'a%', 'abc' !~~ 'a%', 'ABC' ~~* 'a%', 'ABC' !~~* 'a%', 'x'::name ~~ 'x';
select 'abc' ~<~ 'abd', 'abc' ~<=~ 'abc', 'abd' ~>=~ 'abc', 'abd' ~>~ 'abc', 'a' ~<~ 'B';
select 'abc '::bpchar ~<~ 'abd'::bpchar, 'abc  '::char(5) ~>=~ 'abc'::char(3), 'abc'::bpchar ~>~ 'abd'::bpchar;
select '\x616263'::bytea ~~ 'a%'::bytea, '\x616263'::bytea !~~ '%c'::bytea, '\x00ff'::bytea ~~ '_\377'::bytea;
-- comparisons over columns: the column is not cast
create table cto_t (s int2, i int4, b int8, d date);
insert into cto_t values (1, 1, 1, '2020-01-01'), (2, 200000, 5000000000, '2020-06-01'), (-3, -3, -3, '2021-01-01');
select s, i, b from cto_t where s = 1::int8 or b > 4::int2 order by s;
select s + i, pg_typeof(s + i), s * b, pg_typeof(s * b), i - s from cto_t order by 1;
select d from cto_t where d < '2020-06-01 12:00'::timestamp order by d;
select s * 20000::int2 from cto_t where s = 2;
explain (costs off) select * from cto_t where s = 1 and b < 10::int4 and d >= '2020-01-01'::timestamp;
drop table cto_t;
-- pg_operator
select o.oid, oprname, oprleft::regtype, oprright::regtype, oprresult::regtype, oprcode, oprcom, oprnegate, oprcanmerge, oprcanhash
  from pg_operator o
 where o.oid in (15, 36, 254, 260, 416, 532, 533, 544, 545, 546, 552, 553, 556, 688, 692, 818, 822, 825, 1361, 1366, 1862, 1868, 2016, 2017, 2314, 2315, 2317, 2318, 2326, 2330, 2345, 2347, 2358, 2371, 2384, 2389, 2534, 2539, 2540, 2545, 2552)
 order by o.oid;
select count(*) from pg_operator o join pg_proc p on p.oid = o.oprcode
 where o.oid in (15, 36, 254, 260, 416, 532, 544, 552, 688, 818, 1361, 1366, 1862, 2016, 2314, 2326, 2345, 2358, 2371, 2384, 2534, 2540, 2552);
