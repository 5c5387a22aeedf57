-- types/interval_to_char: to_char(interval, template) with the numeric fields (HH24 beyond a day, HH12, MI, SS, MS, US, DD, MM, YYYY, DDD), FM, quoted text, negative intervals, as reports format durations
SELECT to_char(INTERVAL '3 days 04:05:06', 'HH24:MI'), to_char(INTERVAL '30 hours 15 minutes', 'HH24:MI:SS'), to_char(INTERVAL '13 hours', 'HH12 HH AM');
SELECT to_char(INTERVAL '1 year 2 months 3 days', 'YYYY-MM-DD'), to_char(INTERVAL '1 year 2 months 3 days', 'DDD'), to_char(INTERVAL '5 minutes 7.123456 seconds', 'MI:SS.MS US');
SELECT to_char(INTERVAL '2 hours 5 minutes', 'FMHH24"h "FMMI"m"'), to_char(INTERVAL '-3 hours -20 minutes', 'HH24:MI'), to_char(INTERVAL '0', 'HH24:MI:SS');
SELECT d, to_char(d, 'HH24:MI:SS') FROM (VALUES (INTERVAL '90 seconds'), (INTERVAL '1 day 1 second'), (NULL)) v(d) ORDER BY d NULLS LAST;
