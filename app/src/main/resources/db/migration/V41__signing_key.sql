-- Secrets Parley generates once and keeps, so that they survive restarts and are shared by every instance:
-- e.g. the key that signs the public, time-limited links providers fetch MMS media from.
create table signing_key (
    name        varchar(60)   primary key,
    key_value   varchar(200)  not null,
    created_at  timestamp(6) with time zone not null
);
