-- A staff member's e-mail address, for notification e-mails (optional: without one, nothing is e-mailed to them).
alter table staff_user add column email varchar(254);
