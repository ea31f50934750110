-- Issue 17: unanswered escalation. Plain SQL for H2 and PostgreSQL.

-- A list's response goal during office hours (null: none), who hears of a conversation past it (null: the list's
-- subscribers) and the list it then moves to (null: it stays).
alter table inbox_list add column response_goal_minutes integer;
alter table inbox_list add column escalate_to_staff_id bigint;
alter table inbox_list add column escalation_list_id bigint references inbox_list (id);

-- A patient waiting for a staff answer: a row from the patient's first unanswered text (or voicemail) until a staff
-- member replies (then it is deleted). So the table holds only the conversations waiting now, not a million rows.
-- list_id is the list the conversation waited in when the wait began (a conversation handed to a person still
-- counts against that list's goal). escalated_at is set once, by a conditional update: the one node whose update
-- changed the row notifies.
create table conversation_waiting (
    conversation_id  bigint        primary key references conversation (id) on delete cascade,
    line_id          varchar(40)   not null,
    list_id          bigint,
    waiting_since    timestamp(6) with time zone not null,
    escalated_at     timestamp(6) with time zone
);
-- the escalation check reads the waits not escalated yet
create index ix_conversation_waiting_open on conversation_waiting (escalated_at, waiting_since);
