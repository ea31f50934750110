-- DO NOT TEXT marks a number, not only a patient: it outlives a deleted number and stops anyone adding it back.
create table do_not_text (
    phone_number    varchar(20)   primary key,
    reason          varchar(500)  not null,
    set_by          varchar(100)  not null,
    set_at          timestamp(6) with time zone not null,
    contact_id      bigint        references contact (id)
);
