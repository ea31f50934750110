-- Issue 16: the inbox at a practice's scale (100,000 patients, 1,000,000 messages). Plain SQL for H2 and PostgreSQL.

-- A view's page is read as ids first, then the page's rows (ConversationQueries.page). With the list in the index,
-- "not in BLOCKED" is decided from the index too, so page 100 of Closed skips 4,950 index entries instead of reading
-- 4,950 rows, and Closed is counted from the index alone.
drop index ix_conversation_status_activity;
create index ix_conversation_status_activity on conversation (status, last_activity_at desc, id desc, assigned_list_id);

-- Search results of every status, newest activity first: walked in this order, a common word's first page is found
-- after a few dozen conversations instead of sorting every conversation that has the word.
create index ix_conversation_activity on conversation (last_activity_at desc, id desc, assigned_list_id);

-- A name search also looks for a pharmacy or lab by (part of) its name ("kind = 'ORGANISATION' and lower(organisation)
-- like '%...%'"): with the kind in an index, the few organisations are read, not every patient.
create index ix_contact_kind on contact (kind);
