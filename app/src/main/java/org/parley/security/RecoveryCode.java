package org.parley.security;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;
import org.parley.base.AbstractEntity;

/** The hash of one recovery code of a staff member; once used, never accepted again. */
@Entity
@Table(name = "staff_recovery_code")
class RecoveryCode extends AbstractEntity {

    @Column(name = "staff_user_id", nullable = false)
    private long staffUserId;

    @Column(name = "code_hash", nullable = false)
    private String codeHash;

    @Column(name = "used_at")
    private Instant usedAt;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected RecoveryCode() {
    }

    RecoveryCode(long staffUserId, String codeHash, Instant createdAt) {
        this.staffUserId = staffUserId;
        this.codeHash = codeHash;
        this.createdAt = createdAt;
    }

    void use(Instant now) {
        this.usedAt = now;
    }
}
