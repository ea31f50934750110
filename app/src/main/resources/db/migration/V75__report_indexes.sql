-- Issue 18: the Reports page counts messages with SQL aggregates over a date range; these indexes keep it an index
-- range scan at a million messages.
-- Daily counts and the busiest hours: messages by time, with the columns the filters read (covering on PostgreSQL).
create index ix_message_created_direction on message (created_at, direction, line_id, author_id, conversation_id);
-- First answers: a conversation's staff replies after a moment.
create index ix_message_conversation_direction_created on message (conversation_id, direction, created_at);
-- Chart exports by the day they were asked for.
create index ix_chart_export_requested on chart_export (requested_at);
