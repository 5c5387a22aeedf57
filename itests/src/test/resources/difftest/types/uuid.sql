-- types/uuid: uuid input forms, output, ordering, storage, gen_random_uuid, 22P02
select 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'::uuid, '{A0EEBC99-9C0B4EF8-BB6D6BB9-BD380A11}'::uuid, 'a0eebc999c0b4ef8bb6d6bb9bd380a11'::uuid;
select 'a0ee-bc99-9c0b-4ef8-bb6d-6bb9-bd38-0a11'::uuid;
select 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a1'::uuid;
select 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11x'::uuid;
select '-a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'::uuid;
select 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'::uuid < 'b0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'::uuid;
select length(gen_random_uuid()::text), pg_typeof(gen_random_uuid()), gen_random_uuid() = gen_random_uuid();
select 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'::uuid::text, 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'::text::uuid;
CREATE TABLE uuid_t (id uuid, n int);
insert into uuid_t values ('ffffffff-0000-0000-0000-000000000000', 1), ('00000000-0000-0000-0000-000000000001', 2), (null, 3);
select * from uuid_t order by id;
select * from uuid_t where id = '00000000-0000-0000-0000-000000000001';
drop table uuid_t;
select substring(gen_random_uuid()::text, 15, 1);
select 1::uuid;
