-- Issue 11: the audit log becomes eight hash chains side by side. A transaction seals its entries into one of them
-- (AuditChain), so eight transactions can commit at once instead of one: with a single head row, every webhook's
-- commit waited for the one before it. Every entry so far is in chain 1, whose head is V25's row; a place in the
-- log is now (chain, seq), and two entries still never share one.
alter table audit_event add column chain_id integer default 1 not null;
drop index uq_audit_event_seq;
create unique index uq_audit_event_chain_seq on audit_event (chain_id, seq);

insert into audit_chain_head (id, last_seq, last_hash) values
    (2, 0, '0000000000000000000000000000000000000000000000000000000000000000'),
    (3, 0, '0000000000000000000000000000000000000000000000000000000000000000'),
    (4, 0, '0000000000000000000000000000000000000000000000000000000000000000'),
    (5, 0, '0000000000000000000000000000000000000000000000000000000000000000'),
    (6, 0, '0000000000000000000000000000000000000000000000000000000000000000'),
    (7, 0, '0000000000000000000000000000000000000000000000000000000000000000'),
    (8, 0, '0000000000000000000000000000000000000000000000000000000000000000');
