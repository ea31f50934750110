-- The audit log admin page filters by action.
create index ix_audit_event_action on audit_event (action, occurred_at desc);
