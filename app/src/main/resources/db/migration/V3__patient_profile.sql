-- Patient profiles: date of birth, the EHR's medical record number, an internal note; searchable.

alter table contact add column date_of_birth date;
alter table contact add column mrn varchar(64);
alter table contact add column internal_note varchar(2000);
alter table contact add column first_name_key varchar(100);
alter table contact add column last_name_key varchar(100);

-- Search by name (lower-cased keys, prefix match), date of birth and MRN.
create index ix_contact_last_first on contact (last_name_key, first_name_key);
create index ix_contact_first on contact (first_name_key);
create index ix_contact_dob on contact (date_of_birth);
create index ix_contact_mrn on contact (mrn);
