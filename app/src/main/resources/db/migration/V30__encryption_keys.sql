-- Encryption at rest. The keys live in a key file outside the database; the database keeps each key's id and
-- fingerprint (an HMAC of a fixed text under the key, never the key), so Parley refuses to start with a key file
-- that cannot read it. retired_at: when the re-encryption job last found no data left under the key.
create table encryption_key (
    purpose         varchar(10)   not null,
    key_id          integer       not null,
    fingerprint     varchar(64)   not null,
    added_at        timestamp(6) with time zone not null,
    retired_at      timestamp(6) with time zone,
    primary key (purpose, key_id)
);

-- Where each backfill of the re-encryption job got to (ids after after_id, up to until_id, are still to do).
create table encryption_backfill (
    name            varchar(60)   primary key,
    after_id        bigint        not null,
    until_id        bigint        not null
);
