-- PL/pgSQL FOREACH ... IN ARRAY: elements in order with NULLs, FOUND, SLICE 1, labels with
-- EXIT / CONTINUE, assignment casts of the elements, and the run-time errors.
do $$ declare x int; begin foreach x in array array[1,2,3] loop raise notice 'x=%', x; end loop; raise notice 'found %', found; end $$;
do $$ declare x text; s int := 0; begin foreach x in array '{a,NULL,c}'::text[] loop raise notice '%', coalesce(x,'null'); end loop; end $$;
do $$ declare x int; begin foreach x in array '{}'::int[] loop raise notice 'never'; end loop; raise notice 'found %', found; end $$;
do $$ declare x int[]; begin foreach x slice 1 in array array[1,2,3] loop raise notice 'slice %', x; end loop; end $$;
do $$ declare x int; begin foreach x slice 1 in array array[1,2,3] loop raise notice 'slice %', x; end loop; end $$;
do $$ declare x int[]; begin foreach x in array array[1,2,3] loop raise notice 'slice %', x; end loop; end $$;
do $$ declare x int; begin foreach x slice 2 in array array[1,2,3] loop end loop; end $$;
do $$ declare x int; begin foreach x in array 5 loop end loop; end $$;
do $$ declare x int; a int[]; begin foreach x in array a loop end loop; end $$;
do $$ declare x int; begin <<outer>> foreach x in array array[1,2,3,4] loop continue when x = 2; exit outer when x = 4; raise notice '%', x; end loop outer; end $$;
do $$ declare x numeric; begin foreach x in array array[1.5, 2] loop raise notice '%', x * 2; end loop; end $$;
do $$ declare x int; begin foreach x in array array['1','2']::text[] loop raise notice '%', x + 1; end loop; end $$;
create function sum_arr(a int[]) returns int language plpgsql as $$ declare x int; t int := 0; begin foreach x in array a loop t := t + x; end loop; return t; end $$;
select sum_arr(array[1,2,3]), sum_arr('{}');
drop function sum_arr;
