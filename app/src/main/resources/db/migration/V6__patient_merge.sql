-- Merging duplicate patients: the merged record keeps its row (history, audit) and points at the patient who
-- survived it. Every patient list and search leaves merged records out; a link to one leads to the survivor.
alter table contact add column merged_into bigint;
alter table contact add constraint fk_contact_merged_into foreign key (merged_into) references contact (id);
create index ix_contact_merged_into on contact (merged_into);
