-- Issue 19: the practice's name and time zone, set by admins in the app (and asked at the first run), one row.
-- Until it is set, the parley.practice.* properties are used.
create table practice_profile (
    id              integer       primary key,
    name            varchar(200)  not null,
    time_zone       varchar(64)   not null,
    changed_at      timestamp(6) with time zone not null,
    changed_by      varchar(100)  not null,
    version         bigint        not null
);
