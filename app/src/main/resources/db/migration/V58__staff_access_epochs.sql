-- What a signed-in session of an account holds is compared with these on every request (and when another node
-- says the account changed): session_epoch moves when the account's sessions must end (deactivated, second factor
-- reset), access_version whenever what it may do changes (also role changes and emergency grants), so a node that
-- missed the notification still finds the change at the session's next request.
alter table staff_user add column session_epoch bigint default 0 not null;
alter table staff_user add column access_version bigint default 0 not null;
