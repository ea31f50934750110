package org.parley.mention;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A staff member named with {@code @} in an internal note, and when they first read it. */
@Entity
@Table(name = "mention")
public class Mention {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(name = "id")
    private Long id;

    @Column(name = "message_id", nullable = false)
    private long messageId;

    @Column(name = "conversation_id", nullable = false)
    private long conversationId;

    @Column(name = "staff_user_id", nullable = false)
    private long staffUserId;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "first_read_at")
    private Instant firstReadAt;

    protected Mention() {
    }

    public Mention(long messageId, long conversationId, long staffUserId, Instant createdAt) {
        this.messageId = messageId;
        this.conversationId = conversationId;
        this.staffUserId = staffUserId;
        this.createdAt = createdAt;
    }

    public long getMessageId() {
        return messageId;
    }

    public long getConversationId() {
        return conversationId;
    }

    public long getStaffUserId() {
        return staffUserId;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getFirstReadAt() {
        return firstReadAt;
    }
}
