-- Issue 17: a reply staff schedule for later. It is an ordinary queued reply whose outbound_task row is not due before
-- this time; null for a reply sent at once.
alter table message add column scheduled_for timestamp(6) with time zone;
