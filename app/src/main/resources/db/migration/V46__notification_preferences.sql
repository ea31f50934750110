-- How each staff member wants to hear of new patient messages and mentions (issue 3). A missing row means the
-- defaults: desktop pop-ups on, e-mail off. Plain SQL for H2 and PostgreSQL.

-- Per list the staff member subscribes to.
create table list_notification (
    staff_user_id   bigint        not null references staff_user (id),
    list_id         bigint        not null references inbox_list (id),
    email           boolean       not null,
    desktop         boolean       not null,
    primary key (staff_user_id, list_id)
);
create index ix_list_notification_list on list_notification (list_id);

-- "My inbox" (conversations assigned to the staff member directly) and mentions in notes.
create table staff_notification (
    staff_user_id    bigint       primary key references staff_user (id),
    my_inbox_email   boolean      not null,
    my_inbox_desktop boolean      not null,
    mention_email    boolean      not null
);

-- When a staff member was last e-mailed about a conversation, so a burst of texts sends one e-mail per quiet period.
-- kind: MESSAGE or MENTION. Rows older than the quiet period are pruned, so no foreign key to conversation (it would
-- only stand in the way of whoever someday deletes conversations).
create table notification_email_sent (
    staff_user_id   bigint        not null references staff_user (id),
    conversation_id bigint        not null,
    kind            varchar(20)   not null,
    sent_at         timestamp(6) with time zone not null,
    primary key (staff_user_id, conversation_id, kind)
);
create index ix_notification_email_sent_at on notification_email_sent (sent_at);
