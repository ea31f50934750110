package org.parley.conversation;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;

/** When a staff member last opened a conversation: patient messages after it are unseen for them. */
@Entity
@Table(name = "conversation_seen")
@IdClass(ConversationSeen.Key.class)
class ConversationSeen {

    static class Key implements Serializable {
        private long conversationId;
        private long staffUserId;

        protected Key() {
        }

        Key(long conversationId, long staffUserId) {
            this.conversationId = conversationId;
            this.staffUserId = staffUserId;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.conversationId == conversationId && k.staffUserId == staffUserId;
        }

        @Override
        public int hashCode() {
            return Long.hashCode(conversationId) * 31 + Long.hashCode(staffUserId);
        }
    }

    @Id
    @Column(name = "conversation_id")
    private long conversationId;

    @Id
    @Column(name = "staff_user_id")
    private long staffUserId;

    @Column(name = "seen_at", nullable = false)
    private Instant seenAt;

    protected ConversationSeen() {
    }

    ConversationSeen(long conversationId, long staffUserId, Instant seenAt) {
        this.conversationId = conversationId;
        this.staffUserId = staffUserId;
        this.seenAt = seenAt;
    }

    void seen(Instant at) {
        seenAt = at;
    }
}
