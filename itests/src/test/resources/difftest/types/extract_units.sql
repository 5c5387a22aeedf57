-- types/extract_units: the spellings EXTRACT / date_part / date_trunc accept for a unit (ms, msec, millisecond, secs, hrs, mon, ...), and anynonarray || text converting boolean as ::text does
SELECT EXTRACT(millisecond FROM TIMESTAMP '2024-01-01 10:00:01.5'), EXTRACT(ms FROM TIMESTAMP '2024-01-01 10:00:01.5'),
       EXTRACT(msec FROM TIME '10:00:01.25'), EXTRACT(microsecond FROM TIMESTAMP '2024-01-01 10:00:01.5'), EXTRACT(us FROM TIME '00:00:00.5');
SELECT date_part('secs', TIMESTAMP '2024-01-01 10:00:01.5'), date_part('min', TIMESTAMP '2024-01-01 10:07'), date_part('hrs', TIMESTAMP '2024-01-01 10:07'),
       date_part('d', DATE '2024-03-05'), date_part('mon', DATE '2024-03-05'), date_part('yrs', DATE '2024-03-05'), date_part('qtr', DATE '2024-05-01');
SELECT EXTRACT(DAYS FROM INTERVAL '3 days 4 hours'), EXTRACT(hours FROM INTERVAL '3 days 4 hours'), EXTRACT(MINUTES FROM INTERVAL '90 minutes');
SELECT date_trunc('hours', TIMESTAMP '2024-01-01 10:20'), date_trunc('mon', TIMESTAMP '2024-03-05 10:20'), date_trunc('years', TIMESTAMP '2024-03-05'),
       date_trunc('Milliseconds', TIMESTAMP '2024-01-01 10:20:01.23456'), date_trunc('dec', TIMESTAMP '2024-03-05'), date_trunc('weeks', TIMESTAMP '2024-03-07');
SELECT EXTRACT(century FROM DATE '2024-01-01'), EXTRACT(millennium FROM DATE '2024-01-01'), EXTRACT(decade FROM DATE '2024-01-01');
SELECT 'a' || true AS t, false || 'b' AS f, 'x' || 1.5 AS n, 'd' || DATE '2024-01-02' AS d, 'n' || NULL::boolean IS NULL AS null_bool;
SELECT 'active: ' || (1 > 0);
-- errors
SELECT EXTRACT(fortnight FROM TIMESTAMP '2024-01-01');
SELECT date_trunc('fortnight', TIMESTAMP '2024-01-01');
SELECT EXTRACT(hour FROM DATE '2024-01-01');
