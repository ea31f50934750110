package org.parley.conversation;

import java.util.List;
import org.parley.encryption.Backfill;
import org.parley.encryption.WordHashes;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Keeps the word index of messages ({@code message_word}): every place that stores a message's text calls
 * {@link #index} right after, inside its transaction, and a move calls {@link #moved}. Rows go when their message
 * goes ({@code on delete cascade}). Messages stored before the index existed are indexed once by the re-encryption
 * job, as a {@link Backfill}.
 *
 * <p>Plain JDBC rather than entities: the rows are replaced wholesale, and a persistence context holding copies of
 * them could clash with a second indexing of the same message in one transaction.
 */
@Component
public class MessageWordIndex implements Backfill {

    private final WordHashes hashes;
    private final JdbcTemplate jdbc;
    private final MessageRepository messages;

    MessageWordIndex(WordHashes hashes, JdbcTemplate jdbc, MessageRepository messages) {
        this.hashes = hashes;
        this.jdbc = jdbc;
        this.messages = messages;
    }

    /**
     * Makes a stored message's words (of its current text) findable; replaces what was indexed before. Parley's own
     * lines are left out (see {@link #isIndexed}).
     */
    public void index(Message message) {
        jdbc.update("delete from message_word where message_id = ?", message.getId());
        indexNew(message);
    }

    /**
     * Makes a message stored just now findable: {@link #index} without first removing what was indexed before, as
     * nothing was (one statement fewer on every text and reply).
     */
    public void indexNew(Message message) {
        if (!isIndexed(message)) {
            return;
        }
        List<Object[]> rows = hashes.hashesOf(message.getBody()).stream()
                .map(hash -> new Object[] {message.getId(), hash, message.getConversationId()})
                .toList();
        if (!rows.isEmpty()) {
            jdbc.batchUpdate("insert into message_word (message_id, word_hash, conversation_id) values (?, ?, ?)",
                    rows);
        }
    }

    /**
     * Whether a message's words go into the index: not Parley's own lines (system lines in the thread, STOP/START/HELP
     * confirmations). Their texts are fixed and known to anyone, and which rows they are is plain in the database
     * ({@code direction}, {@code system_reply}): indexed, they would hand someone holding a dump the hash of every word
     * they contain, and so show which patients' messages hold those words. Staff do not search for them.
     */
    static boolean isIndexed(Message message) {
        return message.getDirection() != Direction.SYSTEM && !message.isSystemReply();
    }

    /** A message moved to another conversation: its words follow. */
    void moved(Message message) {
        jdbc.update("update message_word set conversation_id = ? where message_id = ?", message.getConversationId(),
                message.getId());
    }

    /** Two conversations became one: the words of the gone one's messages follow them. */
    void combined(long fromConversationId, long toConversationId) {
        jdbc.update("update message_word set conversation_id = ? where conversation_id = ?", toConversationId,
                fromConversationId);
    }

    @Override
    public String name() {
        return "message words";
    }

    @Override
    public long highestId() {
        Long highest = jdbc.queryForObject("select coalesce(max(id), 0) from message", Long.class);
        return highest == null ? 0 : highest;
    }

    @Override
    public long count(long afterId, long untilId) {
        Long count = jdbc.queryForObject("select count(*) from message where id > ? and id <= ?", Long.class,
                afterId, untilId);
        return count == null ? 0 : count;
    }

    @Override
    public List<Long> ids(long afterId, long untilId, int limit) {
        return jdbc.queryForList("select id from message where id > ? and id <= ? order by id fetch first " + limit
                + " rows only", Long.class, afterId, untilId);
    }

    @Override
    public void process(long id) {
        messages.findById(id).ifPresent(this::index);
    }
}
