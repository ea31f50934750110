package org.parley.conversation;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.Objects;
import org.hibernate.annotations.Immutable;

/**
 * One word of a message, as its keyed hash ({@link org.parley.encryption.WordHashes}): what search looks up, since
 * message text is encrypted. Written by {@link MessageWordIndex} only; mapped so that JPQL can ask, per word,
 * {@code exists (select w.messageId from MessageWord w where w.conversationId = c.id and w.wordHash = :hash)}.
 */
@Entity
@Immutable
@Table(name = "message_word")
@IdClass(MessageWord.Key.class)
class MessageWord {

    static class Key implements Serializable {
        private long messageId;
        private String wordHash;

        protected Key() {
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.messageId == messageId && Objects.equals(k.wordHash, wordHash);
        }

        @Override
        public int hashCode() {
            return Long.hashCode(messageId) * 31 + Objects.hashCode(wordHash);
        }
    }

    @Id
    @Column(name = "message_id")
    private long messageId;

    @Id
    @Column(name = "word_hash")
    private String wordHash;

    @Column(name = "conversation_id", nullable = false)
    private long conversationId;

    protected MessageWord() {
    }
}
