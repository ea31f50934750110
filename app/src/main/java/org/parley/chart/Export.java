package org.parley.chart;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Converter;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import org.parley.encryption.EncryptedText;
import org.parley.plugin.ChartCategory;

/**
 * One "Copy to chart": some messages of a conversation, sent to a configured exporter. Stored before the exporter
 * sees it; its id is the export id the exporter gets on every try, its idempotency key.
 */
@Entity
@Table(name = "chart_export")
class Export {

    /** Reasons are shown to staff; an EHR's error text can be long. */
    static final int REASON_LENGTH = 1000;

    @Id
    @Column(name = "id")
    private String id;

    @Column(name = "conversation_id", nullable = false)
    private long conversationId;

    @Column(name = "patient_id", nullable = false)
    private long patientId;

    @Column(name = "exporter_id", nullable = false)
    private String exporterId;

    @Column(name = "staff_user_id", nullable = false)
    private long staffUserId;

    @Enumerated(EnumType.STRING)
    @Column(name = "category")
    private ChartCategory category;

    @Convert(converter = Export.EncryptedComment.class)
    @Column(name = "staff_comment")
    private String comment;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "chart_export_message", joinColumns = @JoinColumn(name = "export_id"))
    @Column(name = "message_id", nullable = false)
    private Set<Long> messageIds = new HashSet<>();

    @Enumerated(EnumType.STRING)
    @Column(name = "status", nullable = false)
    private ExportStatus status;

    @Column(name = "attempts", nullable = false)
    private int attempts;

    @Column(name = "next_attempt_at")
    private Instant nextAttemptAt;

    @Column(name = "reason")
    private String reason;

    @Column(name = "reference")
    private String reference;

    @Column(name = "document_name")
    private String documentName;

    @Column(name = "requested_at", nullable = false)
    private Instant requestedAt;

    @Column(name = "exported_at")
    private Instant exportedAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    /** A wrapper, so a new export is persisted (a second insert of the same id fails) rather than merged. */
    @Version
    @Column(name = "version")
    private Long version;

    protected Export() {
    }

    Export(ExportRequest request, long patientId, long staffUserId, Instant now) {
        this.id = request.exportId();
        this.conversationId = request.conversationId();
        this.patientId = patientId;
        this.exporterId = request.exporterId();
        this.staffUserId = staffUserId;
        this.category = request.category();
        this.comment = request.comment();
        this.messageIds.addAll(request.messageIds());
        this.status = ExportStatus.QUEUED;
        this.nextAttemptAt = now;
        this.requestedAt = request.requestedAt();
        this.updatedAt = now;
    }

    /** The request this export was made from, to build exactly the same {@link org.parley.plugin.ChartExport}. */
    ExportRequest request() {
        return new ExportRequest(id, conversationId, messageIds.stream().sorted().toList(), exporterId, category,
                comment, requestedAt);
    }

    /**
     * Being sent now: a queued export, or one whose sender died (taken over after its lease).
     *
     * @return false when it is exported or failed already (nothing to send)
     */
    boolean startSending(Instant at) {
        if (status != ExportStatus.QUEUED && status != ExportStatus.SENDING) {
            return false;
        }
        status = ExportStatus.SENDING;
        updatedAt = at;
        return true;
    }

    void countAttempt() {
        attempts++;
    }

    void exported(String reference, String documentName, Instant at) {
        this.status = ExportStatus.EXPORTED;
        this.reference = truncated(reference);
        this.documentName = documentName;
        this.reason = null;
        this.nextAttemptAt = null;
        this.exportedAt = at;
        this.updatedAt = at;
    }

    void retryLater(String reason, Instant retryAt, Instant at) {
        this.status = ExportStatus.QUEUED;
        this.reason = truncated(reason);
        this.nextAttemptAt = retryAt;
        this.updatedAt = at;
    }

    void failed(String reason, Instant at) {
        this.status = ExportStatus.FAILED;
        this.reason = truncated(reason);
        this.nextAttemptAt = null;
        this.updatedAt = at;
    }

    /** A person asked for another try: now, and without the old reason. */
    void requeue(Instant at) {
        this.status = ExportStatus.QUEUED;
        this.reason = null;
        this.nextAttemptAt = at;
        this.updatedAt = at;
    }

    private static String truncated(String text) {
        return text == null || text.length() <= REASON_LENGTH ? text : text.substring(0, REASON_LENGTH - 1) + "…";
    }

    String getId() {
        return id;
    }

    long getConversationId() {
        return conversationId;
    }

    long getPatientId() {
        return patientId;
    }

    String getExporterId() {
        return exporterId;
    }

    long getStaffUserId() {
        return staffUserId;
    }

    Set<Long> getMessageIds() {
        return Set.copyOf(messageIds);
    }

    ExportStatus getStatus() {
        return status;
    }

    int getAttempts() {
        return attempts;
    }

    Instant getNextAttemptAt() {
        return nextAttemptAt;
    }

    String getReason() {
        return reason;
    }

    String getReference() {
        return reference;
    }

    String getDocumentName() {
        return documentName;
    }

    Instant getRequestedAt() {
        return requestedAt;
    }

    Instant getExportedAt() {
        return exportedAt;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Export other && Objects.equals(id, other.id);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(id);
    }

    /** chart_export.staff_comment, encrypted bound to its table and column. */
    @Converter
    static class EncryptedComment extends EncryptedText {
        EncryptedComment() {
            super("chart_export", "staff_comment");
        }
    }
}
