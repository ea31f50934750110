-- Issue 11: who owns a phone number is still decided one change at a time, but per number instead of for the whole
-- practice. The guard row a change locks is the number's bucket (its hash modulo 1024, see ContactService), so first
-- texts from two different new numbers no longer wait for each other's whole intake transaction, while two changes
-- of one number (on any node) still take turns. V52 made bucket 1; this adds the other 1023.
create table number_guard_digit (
    d               integer       primary key
);
insert into number_guard_digit (d) values (0), (1), (2), (3), (4), (5), (6), (7), (8), (9), (10), (11), (12), (13),
    (14), (15);

insert into contact_number_guard (id)
    select a.d * 64 + b.d * 4 + c.d
    from number_guard_digit a cross join number_guard_digit b cross join number_guard_digit c
    where b.d < 16 and c.d < 4 and a.d * 64 + b.d * 4 + c.d <> 1;

drop table number_guard_digit;
