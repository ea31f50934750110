-- The unread counts of a staff member's views read only the conversations that person has seen (their rows here),
-- not every open conversation: the inbox counts of fifty open screens no longer scan the open conversations fifty times.
create index ix_conversation_seen_staff on conversation_seen (staff_user_id, conversation_id);
