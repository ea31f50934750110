-- Issue 17: Klara's reason picker, an option per line. The first automatic reply of a new conversation on the line
-- asks the patient to answer 1, 2 or 3; each reason an admin names puts the conversation in a list and/or tags it.
create table line_reason_picker (
    line_id      varchar(40)   primary key references line (id) on delete cascade,
    question     varchar(320)  not null,
    changed_at   timestamp(6) with time zone not null,
    changed_by   varchar(100)  not null
);

-- The reasons, numbered 1 to 3 as the patient answers them. A tag deleted later leaves the reason with its list.
create table line_reason (
    line_id      varchar(40)   not null references line_reason_picker (line_id) on delete cascade,
    choice       integer       not null,
    label        varchar(40)   not null,
    to_list_id   bigint        references inbox_list (id),
    add_tag_id   bigint        references tag (id) on delete set null,
    primary key (line_id, choice),
    constraint line_reason_choice check (choice between 1 and 3)
);

-- When the conversation was asked (set once by a conditional update: asked at most once, whichever node took the
-- text), and the answer that routed it (set once the same way: one answer counts).
alter table conversation add column reason_asked_at timestamp(6) with time zone;
alter table conversation add column reason_answer integer;
