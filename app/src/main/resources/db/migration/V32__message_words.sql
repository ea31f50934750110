-- The word index of messages: message text is encrypted, so search looks up keyed hashes of its words
-- (HMAC-SHA256 under the index key of the key file, never the word). One row per distinct word of a message.
create table message_word (
    message_id      bigint        not null references message (id) on delete cascade,
    word_hash       varchar(32)   not null,
    conversation_id bigint        not null references conversation (id),
    primary key (message_id, word_hash)
);
-- Search: the conversations with a message holding a word.
create index ix_message_word_hash_conversation on message_word (word_hash, conversation_id);
