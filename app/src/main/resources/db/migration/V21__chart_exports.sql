-- Chart exports: stored before any exporter sees them, sent by one worker, retried with back-off. The id is the
-- export id the exporter gets on every try (its idempotency key).

create table chart_export (
    id              varchar(40)   primary key,
    conversation_id bigint        not null references conversation (id),
    patient_id      bigint        not null references contact (id),
    exporter_id     varchar(40)   not null references chart_exporter (id),
    staff_user_id   bigint        not null references staff_user (id),
    category        varchar(20),
    staff_comment   varchar(2000),
    status          varchar(20)   not null,
    attempts        integer       not null,
    next_attempt_at timestamp(6) with time zone,
    reason          varchar(1000),
    reference       varchar(1000),
    document_name   varchar(255),
    requested_at    timestamp(6) with time zone not null,
    exported_at     timestamp(6) with time zone,
    updated_at      timestamp(6) with time zone not null,
    version         bigint        not null
);
-- the conversation shows its exports
create index ix_chart_export_conversation on chart_export (conversation_id, requested_at);
-- the queue: due exports by status and time
create index ix_chart_export_status_next_attempt on chart_export (status, next_attempt_at);

create table chart_export_message (
    export_id       varchar(40)   not null references chart_export (id) on delete cascade,
    message_id      bigint        not null references message (id),
    primary key (export_id, message_id)
);
-- each message shows where it went
create index ix_chart_export_message_message on chart_export_message (message_id);

-- The document an exporter wrote (e.g. a PDF), for staff to download; apart, so listing exports never loads it.
create table chart_export_document (
    export_id       varchar(40)   primary key references chart_export (id) on delete cascade,
    file_name       varchar(255)  not null,
    content_type    varchar(120)  not null,
    data            bytea         not null,
    created_at      timestamp(6) with time zone not null
);
