-- Account lockout after repeated failed logins (HIPAA 164.312(a)(1), 164.308(a)(5)(ii)(C)).
alter table staff_user add column failed_logins integer default 0 not null;
alter table staff_user add column locked_until timestamp(6) with time zone;
