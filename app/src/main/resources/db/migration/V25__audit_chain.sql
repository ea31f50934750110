-- Tamper-evident audit log (HIPAA 164.312(b), (c)(1)): each entry carries its place in the chain and a SHA-256
-- hash over the previous entry's hash and its own fields. V26 (a Java migration, AuditChainMigration) seals the
-- entries written before this one; entries left without a place in the chain are reported by the chain check.
alter table audit_event add column seq bigint;
alter table audit_event add column prev_hash varchar(64);
alter table audit_event add column entry_hash varchar(64);
-- Two entries never share a place: the chain stays linear whatever writes to the table.
create unique index uq_audit_event_seq on audit_event (seq);

-- The newest link of the chain, one row. Appends lock it (select ... for update) so concurrent writers append
-- one after another, also on PostgreSQL.
create table audit_chain_head (
    id          integer      primary key,
    last_seq    bigint       not null,
    last_hash   varchar(64)  not null
);
insert into audit_chain_head (id, last_seq, last_hash)
values (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
