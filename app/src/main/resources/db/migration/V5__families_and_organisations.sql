-- Families share a number: a dependent (child, elderly parent) is texted on the guardian's phone.
alter table contact add column guardian_id bigint references contact (id);
create index ix_contact_guardian on contact (guardian_id);

-- Pharmacies, labs, other practices.
alter table contact add column organisation_kind varchar(30);
