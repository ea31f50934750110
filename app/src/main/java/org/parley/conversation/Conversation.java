package org.parley.conversation;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Converter;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Collections;
import java.util.HashSet;
import java.util.Set;
import org.parley.base.AbstractEntity;
import org.parley.encryption.EncryptedText;

/** A task for the team: the exchange with one contact on one line. */
@Entity
@Table(name = "conversation")
public class Conversation extends AbstractEntity {

    static final int PREVIEW_LENGTH = 160;

    @Column(name = "line_id", nullable = false)
    private String lineId;

    @Column(name = "contact_id", nullable = false)
    private long contactId;

    @Enumerated(EnumType.STRING)
    @Column(name = "status", nullable = false)
    private ConversationStatus status;

    @Column(name = "last_activity_at", nullable = false)
    private Instant lastActivityAt;

    @Column(name = "last_inbound_at")
    private Instant lastInboundAt;

    /** The start of the latest message: as much PHI as the message, so encrypted too. */
    @Convert(converter = Conversation.EncryptedLastPreview.class)
    @Column(name = "last_preview")
    private String lastPreview;

    @Enumerated(EnumType.STRING)
    @Column(name = "attention")
    private Attention attention;

    @Column(name = "attention_reason")
    private String attentionReason;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    /** The list it waits in, or {@code null} when it is assigned to staff members (or nowhere yet). */
    @Column(name = "assigned_list_id")
    private Long assignedListId;

    // A conversation is assigned to one or a few staff members: loaded only when asked for.
    @ElementCollection
    @CollectionTable(name = "conversation_assignee",
            joinColumns = @JoinColumn(name = "conversation_id"))
    @Column(name = "staff_user_id")
    private Set<Long> assignees = new HashSet<>();

    @Column(name = "assignment_version", nullable = false)
    private int assignmentVersion;

    protected Conversation() {
    }

    public Conversation(String lineId, long contactId, Instant createdAt) {
        this.lineId = lineId;
        this.contactId = contactId;
        this.status = ConversationStatus.OPEN;
        this.createdAt = createdAt;
        this.lastActivityAt = createdAt;
    }

    /** A new conversation waiting in a list (the line's default list, or BLOCKED). */
    public Conversation(String lineId, long contactId, Long listId, Instant createdAt) {
        this(lineId, contactId, createdAt);
        this.assignedListId = listId;
    }

    /** Puts the conversation into a list's queue: nobody holds it any more. */
    public void assignToList(long listId) {
        assignedListId = listId;
        assignees.clear();
        assignmentVersion++;
    }

    /** Hands the conversation to staff members: it leaves its list's queue. */
    public void assignToStaff(Set<Long> staffIds) {
        if (staffIds.isEmpty()) {
            throw new IllegalArgumentException("Choose at least one staff member.");
        }
        assignedListId = null;
        assignees.clear();
        assignees.addAll(staffIds);
        assignmentVersion++;
    }

    /**
     * Takes in another conversation of the same patient and line (two patient records merged): the newer summary,
     * a flag either had, and open if either was; a closed conversation taking in an open one takes its assignment
     * too, so the open task stays with whoever had it.
     */
    void absorb(Conversation other) {
        if (other.lastActivityAt.isAfter(lastActivityAt)) {
            lastActivityAt = other.lastActivityAt;
            lastPreview = other.lastPreview;
        }
        if (other.lastInboundAt != null && (lastInboundAt == null || other.lastInboundAt.isAfter(lastInboundAt))) {
            lastInboundAt = other.lastInboundAt;
        }
        if (attention == null && other.attention != null) {
            attention = other.attention;
            attentionReason = other.attentionReason;
        }
        if (status == ConversationStatus.CLOSED && other.status == ConversationStatus.OPEN) {
            status = ConversationStatus.OPEN;
            assignedListId = other.assignedListId;
            assignees.clear();
            assignees.addAll(other.assignees);
            assignmentVersion++;
        }
    }

    public void close() {
        status = ConversationStatus.CLOSED;
    }

    public void reopen() {
        status = ConversationStatus.OPEN;
    }

    public Long getAssignedListId() {
        return assignedListId;
    }

    public Set<Long> getAssignees() {
        return Collections.unmodifiableSet(assignees);
    }

    public int getAssignmentVersion() {
        return assignmentVersion;
    }

    public void inbound(String preview, Instant at) {
        lastInboundAt = at;
        activity(preview, at);
        status = ConversationStatus.OPEN;
    }

    void activity(String preview, Instant at) {
        lastActivityAt = at;
        lastPreview = preview.length() > PREVIEW_LENGTH ? preview.substring(0, PREVIEW_LENGTH - 1) + "…" : preview;
    }

    /** Flags the conversation for staff and puts it back into the open inbox, at the top. */
    public void needsAttention(Attention why, String reason, Instant at) {
        attention = why;
        attentionReason = reason.length() > 500 ? reason.substring(0, 499) + "…" : reason;
        status = ConversationStatus.OPEN;
        lastActivityAt = at;
    }

    void attentionHandled() {
        attention = null;
        attentionReason = null;
    }

    Attention getAttention() {
        return attention;
    }

    String getAttentionReason() {
        return attentionReason;
    }

    public String getLineId() {
        return lineId;
    }

    public long getContactId() {
        return contactId;
    }

    ConversationStatus getStatus() {
        return status;
    }

    Instant getLastActivityAt() {
        return lastActivityAt;
    }

    Instant getLastInboundAt() {
        return lastInboundAt;
    }

    String getLastPreview() {
        return lastPreview;
    }

    /** conversation.last_preview, encrypted bound to its table and column. */
    @Converter
    static class EncryptedLastPreview extends EncryptedText {
        EncryptedLastPreview() {
            super("conversation", "last_preview");
        }
    }
}
