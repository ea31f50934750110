package org.parley.audit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * The newest link of one audit chain: its place and hash, read here by the chain check; appends lock and move it
 * with plain SQL ({@link AuditChain}).
 */
@Entity
@Table(name = "audit_chain_head")
class AuditChainHead {

    /** The chain every entry before V69 is in, and the one the V26 migration sealed. */
    static final int ID = 1;

    @Id
    @Column(name = "id")
    private Integer id;

    @Column(name = "last_seq", nullable = false)
    private long lastSeq;

    @Column(name = "last_hash", nullable = false)
    private String lastHash;

    protected AuditChainHead() {
    }

    int getId() {
        return id;
    }

    long getLastSeq() {
        return lastSeq;
    }

    String getLastHash() {
        return lastHash;
    }
}
