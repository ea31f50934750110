-- Chart exports hold PHI too: the staff member's comment for the chart is stored encrypted (room for the ciphertext
-- of 2000 characters); exporter settings (8000 already) and export documents (bytea) need no change of type.
alter table chart_export alter column staff_comment set data type varchar(10000);
