-- Issue 14: the first admin is created once, however many nodes show the first-run page at the same moment. The
-- creating transaction inserts the one row this table can hold (id 1) before it creates the account; a second one
-- waits for the first and then fails on the primary key, and is told to log in instead. No foreign key: the row
-- only says that the first admin was created.
create table first_admin (
    id              integer       primary key,
    created_at      timestamp(6) with time zone not null,
    constraint ck_first_admin_one_row check (id = 1)
);

-- An installation that has an active account already has had its first admin.
insert into first_admin (id, created_at)
    select 1, min(created_at) from staff_user where enabled = true having count(*) > 0;

-- Who owns a phone number is decided one change at a time: a transaction that may give a number a contact (a first
-- text from a new number on any line, a new patient or organisation, a patient's new number) locks this one row
-- first (select ... for update) and then looks who has the number. A unique index cannot say it: an organisation and
-- a patient may share a number, and merged records keep theirs empty.
create table contact_number_guard (
    id              integer       primary key
);
insert into contact_number_guard (id) values (1);
