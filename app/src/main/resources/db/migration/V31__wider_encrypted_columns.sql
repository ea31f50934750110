-- Encrypted text is longer than the text: 15 + 4/3 x (UTF-8 bytes + 28) characters, so about 4 x the longest text.
-- SET DATA TYPE keeps NOT NULL and defaults, and reads the same on H2 and PostgreSQL. Binary columns (bytea) have
-- room for the 38 extra bytes already.
alter table message alter column body set data type varchar(100000);
alter table conversation alter column last_preview set data type varchar(1000);
alter table contact alter column internal_note set data type varchar(10000);
alter table line_setting alter column setting_value set data type varchar(20000);
alter table sandbox_phone_message alter column body set data type varchar(100000);
-- File names too: a phone names a file after what it shows or who sent it.
alter table message_media alter column file_name set data type varchar(1100);
alter table sandbox_phone_message alter column media_file_name set data type varchar(1100);
