-- Opt-out (STOP) per line and number, conversations that need attention, per-line messaging settings,
-- and the cached kind of phone behind a number.

create table text_consent (
    line_id         varchar(40)   not null references line (id),
    phone_number    varchar(20)   not null,
    opted_out       boolean       not null,
    changed_at      timestamp(6) with time zone not null,
    source          varchar(40)   not null,
    primary key (line_id, phone_number)
);

alter table conversation add column attention varchar(30);
alter table conversation add column attention_reason varchar(500);

-- Who confirms STOP/START/HELP to the patient: PARLEY, or PROVIDER when the provider does it itself.
alter table line add column keyword_replies varchar(20) default 'PARLEY' not null;
alter table line add column help_text varchar(500);

create table phone_line_type (
    phone_number    varchar(20)   primary key,
    line_type       varchar(20)   not null,
    checked_at      timestamp(6) with time zone not null
);

-- Automatic replies (STOP/START/HELP confirmations) may go to a number that just opted out.
alter table message add column system_reply boolean default false not null;
