package org.parley.security;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;
import org.parley.base.AbstractEntity;

/** Temporary admin rights of a staff member, granted with a reason; ends by itself, or earlier when revoked. */
@Entity
@Table(name = "emergency_access")
class EmergencyGrant extends AbstractEntity {

    @Column(name = "staff_user_id", nullable = false)
    private long staffUserId;

    @Column(name = "reason", nullable = false)
    private String reason;

    @Column(name = "granted_by", nullable = false)
    private String grantedBy;

    @Column(name = "granted_at", nullable = false)
    private Instant grantedAt;

    @Column(name = "expires_at", nullable = false)
    private Instant expiresAt;

    @Column(name = "revoked_by")
    private String revokedBy;

    @Column(name = "revoked_at")
    private Instant revokedAt;

    @Column(name = "expiry_audited", nullable = false)
    private boolean expiryAudited;

    protected EmergencyGrant() {
    }

    EmergencyGrant(long staffUserId, String reason, String grantedBy, Instant grantedAt, Instant expiresAt) {
        this.staffUserId = staffUserId;
        this.reason = reason;
        this.grantedBy = grantedBy;
        this.grantedAt = grantedAt;
        this.expiresAt = expiresAt;
    }

    long getStaffUserId() {
        return staffUserId;
    }

    Instant getExpiresAt() {
        return expiresAt;
    }

    boolean isActiveAt(Instant now) {
        return revokedAt == null && expiresAt.isAfter(now);
    }

    void revoke(String actor, Instant now) {
        this.revokedBy = actor;
        this.revokedAt = now;
    }

    void expiryAudited() {
        this.expiryAudited = true;
    }

    EmergencyAccess.Grant toGrant() {
        return new EmergencyAccess.Grant(getId(), staffUserId, reason, grantedBy, grantedAt, expiresAt);
    }
}
