package org.parley.audit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.hibernate.annotations.Immutable;

/**
 * One line of the audit log, immutable once written: Hibernate never updates it, the repository has no update
 * or delete method, and its place in the hash chain ({@link AuditChain}) shows any change made behind the app's
 * back.
 */
@Entity
@Immutable
@Table(name = "audit_event")
class AuditEvent {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(name = "id")
    private Long id;

    @Column(name = "occurred_at", nullable = false, updatable = false)
    private Instant occurredAt;

    @Column(name = "actor", nullable = false, updatable = false)
    private String actor;

    @Column(name = "action", nullable = false, updatable = false)
    private String action;

    @Column(name = "target_type", updatable = false)
    private String targetType;

    @Column(name = "target_id", updatable = false)
    private String targetId;

    @Column(name = "detail", updatable = false)
    private String detail;

    @Column(name = "chain_id", updatable = false)
    private int chainId;

    @Column(name = "seq", updatable = false)
    private Long seq;

    @Column(name = "prev_hash", updatable = false)
    private String prevHash;

    @Column(name = "entry_hash", updatable = false)
    private String entryHash;

    protected AuditEvent() {
    }

    /** An entry sealed into chain {@code chainId} after {@code previousHash}, at place {@code seq}. */
    AuditEvent(AuditDraft draft, int chainId, long seq, String previousHash) {
        this.chainId = chainId;
        this.occurredAt = draft.occurredAt();
        this.actor = draft.actor();
        this.action = draft.action();
        this.targetType = draft.targetType();
        this.targetId = draft.targetId();
        this.detail = draft.detail();
        this.seq = seq;
        this.prevHash = previousHash;
        this.entryHash = AuditChain.hash(previousHash, seq, occurredAt, actor, action, targetType, targetId, detail);
    }

    Long getId() {
        return id;
    }

    Long getSeq() {
        return seq;
    }

    String getPrevHash() {
        return prevHash;
    }

    String getEntryHash() {
        return entryHash;
    }

    /** Whether the stored hash is still the hash of what the row says now. */
    boolean hashMatchesContent() {
        return seq != null && prevHash != null && AuditChain.hash(prevHash, seq, occurredAt, actor, action, targetType,
                targetId, detail).equals(entryHash);
    }

    AuditEntry toEntry() {
        return new AuditEntry(id, occurredAt, actor, action, targetType, targetId, detail);
    }

    /**
     * What is written before it has a place in the chain. The time is cut to microseconds, what both databases
     * store, so the hash of what is read back matches the hash of what was written.
     */
    record AuditDraft(Instant occurredAt, String actor, String action, String targetType, String targetId,
                      String detail) {

        AuditDraft {
            occurredAt = occurredAt.truncatedTo(ChronoUnit.MICROS);
        }
    }
}
