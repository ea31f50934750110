-- Outbound messages claimed under leases (issue 14): several Parley nodes on one database send each message once.
-- Plain SQL for H2 and PostgreSQL.
--
-- outbound_task: one row per outbound message waiting to be handed to its provider (id = message.id). Worked like
-- the notification queue (base.LeasedQueue): due from next_attempt_at; a node claims it by writing its id into
-- lease_owner and lease_until (only while no live lease is on it), sends, then deletes it. A row whose node died keeps
-- the lease until lease_until and is then taken over; the message's status SENDING then says the earlier attempt's
-- outcome is unknown, and the provider is asked before anything is sent again. A small table apart from message
-- (millions of rows): the queue's polls and lease writes never touch the big one. line_id is copied so the pace can
-- be reserved without reading the message. No foreign key: rows live for moments; a row whose message is gone is
-- simply finished.
create table outbound_task (
    id               bigint        not null primary key,
    line_id          varchar(40)   not null,
    attempts         integer       not null,
    next_attempt_at  timestamp(6) with time zone not null,
    lease_owner      varchar(60),
    lease_until      timestamp(6) with time zone
);
-- the workers poll due rows
create index ix_outbound_task_due on outbound_task (next_attempt_at);

-- Messages waiting or being sent when this version is installed: the queue takes them over. A SENDING one was in the
-- provider's hands when the old version stopped: its outcome is unknown and is checked with the provider first.
insert into outbound_task (id, line_id, attempts, next_attempt_at)
select id, line_id, 0, coalesce(next_attempt_at, updated_at)
from message where direction = 'OUTBOUND' and status in ('QUEUED', 'SENDING');

-- One pace per line for the whole cluster: the earliest instant the line's next message may go. A node reserves a
-- slot with a conditional update (only if next_free_at is still what it read), so two nodes never take one slot.
create table line_pace (
    line_id          varchar(40)   not null primary key,
    next_free_at     timestamp(6) with time zone not null
);
