package org.parley.tag;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.Objects;
import org.hibernate.annotations.Immutable;

/**
 * A tag on a conversation. Written by {@link TagService} only (through SQL); mapped so that the inbox's JPQL can ask
 * {@code exists (select t.tagId from ConversationTag t where t.conversationId = c.id and t.tagId = :tag)}.
 */
@Entity
@Immutable
@Table(name = "conversation_tag")
@IdClass(ConversationTag.Key.class)
class ConversationTag {

    static class Key implements Serializable {
        private long conversationId;
        private long tagId;

        protected Key() {
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.conversationId == conversationId && k.tagId == tagId;
        }

        @Override
        public int hashCode() {
            return Objects.hash(conversationId, tagId);
        }
    }

    @Id
    @Column(name = "conversation_id")
    private long conversationId;

    @Id
    @Column(name = "tag_id")
    private long tagId;

    protected ConversationTag() {
    }
}
