-- Issue 17: a broadcast's audience by list and by last visit, and saved audiences that hold either.

-- The patient's last visit, as the EHR's export says: an optional column of the patient import (never typed in
-- Parley). Null when the practice never imported it.
alter table contact add column last_visit date;

-- A saved audience is one kind of search: BORN (born_from, born_to), LIST (list_id: the patients with a conversation
-- in it) or LAST_VISIT (visit_from, visit_to). Open ends are null. Rows saved before are BORN.
alter table broadcast_audience add column kind varchar(20) default 'BORN' not null;
alter table broadcast_audience add column list_id bigint references inbox_list (id) on delete cascade;
alter table broadcast_audience add column visit_from date;
alter table broadcast_audience add column visit_to date;
