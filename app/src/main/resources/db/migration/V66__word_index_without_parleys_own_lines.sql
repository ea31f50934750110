-- The word index no longer holds Parley's own lines (system lines, STOP/START/HELP confirmations): their texts are
-- fixed and public, so their hashes told a dump holder which word each hash is. Drop what was indexed of them.
delete from message_word
where message_id in (select id from message where direction = 'SYSTEM' or system_reply = true);
