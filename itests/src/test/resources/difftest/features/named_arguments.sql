-- features/named_arguments: function calls in named notation (name => value, name := value), mixed with positional arguments, defaulted parameters left out, and the errors for unknown, repeated and misplaced names
SELECT make_interval(days => 3);
SELECT make_interval(hours := 2, mins => 5);
SELECT make_interval(1, days => 2) AS mixed, make_interval() AS none, make_interval(0, 1) AS positional;
SELECT make_interval(secs => 1.5), make_interval(weeks => 2, days => -1);
SELECT make_interval(years => 1, months => 2, weeks => 3, days => 4, hours => 5, mins => 6, secs => 7.25);
SELECT TIMESTAMP '2024-01-31 10:00' + make_interval(months => 1) AS next_month;
SELECT make_date(year => 2024, month => 2, day => 29), make_date(2024, day => 1, month => 3);
SELECT make_time(hour => 10, min => 30, sec => 15.5), make_timestamp(2024, 1, 2, hour => 3, min => 4, sec => 5);
SELECT jsonb_set('{"a":1}', '{b}', '2', create_if_missing => false) AS kept, jsonb_set('{"a":1}', path => '{b}', replacement => '2', jsonb_in => '{"a":1}') AS added;
SELECT "make_interval"("days" => 1);
PREPARE q_named_p(int) AS SELECT make_interval(days => $1);
EXECUTE q_named_p(10);
DEALLOCATE q_named_p;
-- errors
SELECT make_interval(dayz => 3);
SELECT make_interval(days => 3, 1);
SELECT make_interval(days => 3, days => 1);
SELECT make_interval(1, years => 2);
SELECT make_date(year => 2024, month => 1);
SELECT upper(string => 'x');
SELECT make_interval(days => 'x');
