-- Issue 18: the Get started checklist of a new practice. A row once an admin dismissed it (one practice per
-- installation, so one row at most); each step's "done" is read from the data itself, never stored here.
create table get_started_dismissal (
    id            integer       primary key,
    dismissed_at  timestamp(6) with time zone not null,
    dismissed_by  varchar(100)  not null,
    constraint get_started_dismissal_one check (id = 1)
);
