package org.parley.security;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Converter;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.Instant;
import org.parley.base.AbstractEntity;
import org.parley.encryption.EncryptedText;

/** A named account of a staff member. Never deleted: history keeps its authors. */
@Entity
@Table(name = "staff_user")
class StaffUser extends AbstractEntity {

    @Column(name = "username", nullable = false)
    private String username;

    @Column(name = "display_name", nullable = false)
    private String displayName;

    @Column(name = "password_hash", nullable = false)
    private String passwordHash;

    @Enumerated(EnumType.STRING)
    @Column(name = "role", nullable = false)
    private Role role;

    @Column(name = "enabled", nullable = false)
    private boolean enabled;

    @Column(name = "failed_logins", nullable = false)
    private int failedLogins;

    @Column(name = "locked_until")
    private Instant lockedUntil;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "email")
    private String email;

    /**
     * The TOTP secret, Base32. A secret like a password hash: never shown again after enrolment, never logged.
     * Stored encrypted (its own column, 512 characters: room for the ciphertext).
     */
    @Convert(converter = StaffUser.EncryptedTotpSecret.class)
    @Column(name = "totp_secret")
    private String totpSecret;

    @Column(name = "two_factor_since")
    private Instant twoFactorSince;

    @Column(name = "totp_last_step")
    private Long totpLastStep;

    /** Moves when every signed-in session of the account must end (deactivation, second factor reset). */
    @Column(name = "session_epoch", nullable = false)
    private long sessionEpoch;

    /** Moves whenever what the account may do changes: sessions re-read their roles at once. */
    @Column(name = "access_version", nullable = false)
    private long accessVersion;

    protected StaffUser() {
    }

    StaffUser(String username, String displayName, String passwordHash, Role role, Instant createdAt) {
        this.username = username;
        this.displayName = displayName;
        this.passwordHash = passwordHash;
        this.role = role;
        this.enabled = true;
        this.createdAt = createdAt;
    }

    String getUsername() {
        return username;
    }

    String getDisplayName() {
        return displayName;
    }

    String getPasswordHash() {
        return passwordHash;
    }

    Role getRole() {
        return role;
    }

    boolean isEnabled() {
        return enabled;
    }

    boolean isLockedAt(Instant now) {
        return lockedUntil != null && lockedUntil.isAfter(now);
    }

    /** Counts a failed login; returns whether this one locked the account (for {@code lockFor}). */
    boolean loginFailed(int allowed, Instant now, Duration lockFor) {
        if (isLockedAt(now)) {
            return false;
        }
        failedLogins++;
        if (failedLogins >= allowed) {
            failedLogins = 0;
            lockedUntil = now.plus(lockFor);
            return true;
        }
        return false;
    }

    void loginSucceeded() {
        failedLogins = 0;
        lockedUntil = null;
    }

    void unlock() {
        loginSucceeded();
    }

    void changePassword(String hash) {
        this.passwordHash = hash;
    }

    void setEnabled(boolean enabled) {
        if (this.enabled != enabled) {
            sessionEpoch++;
            accessVersion++;
        }
        this.enabled = enabled;
    }

    void setRole(Role role) {
        if (this.role != role) {
            accessVersion++;
        }
        this.role = role;
    }

    /** What the account may do changed otherwise (an emergency grant began or was revoked). */
    void accessChanged() {
        accessVersion++;
    }

    long getSessionEpoch() {
        return sessionEpoch;
    }

    long getAccessVersion() {
        return accessVersion;
    }

    String getEmail() {
        return email;
    }

    void setEmail(String email) {
        this.email = email;
    }

    Instant getLockedUntil() {
        return lockedUntil;
    }

    boolean hasTwoFactor() {
        return totpSecret != null;
    }

    Instant getTwoFactorSince() {
        return twoFactorSince;
    }

    String getTotpSecret() {
        return totpSecret;
    }

    void enrolTwoFactor(String secret, long acceptedStep, Instant now) {
        this.totpSecret = secret;
        this.totpLastStep = acceptedStep;
        this.twoFactorSince = now;
    }

    /** Whether a code of this time step may still be used: each step's code is accepted once. */
    boolean isFreshStep(long step) {
        return totpLastStep == null || step > totpLastStep;
    }

    void codeAccepted(long step) {
        this.totpLastStep = step;
    }

    void resetTwoFactor() {
        sessionEpoch++;
        accessVersion++;
        this.totpSecret = null;
        this.totpLastStep = null;
        this.twoFactorSince = null;
    }

    StaffAccount toAccount(Instant now, EmergencyAccess.Grant emergency) {
        return new StaffAccount(getId(), username, displayName, role, enabled, isLockedAt(now), hasTwoFactor(),
                emergency, email);
    }

    StaffMember toStaffMember() {
        return toStaffMember(false);
    }

    StaffMember toStaffMember(boolean emergencyAdmin) {
        return new StaffMember(getId(), username, displayName, role, emergencyAdmin && role != Role.ADMIN);
    }

    /** staff_user.totp_secret, encrypted bound to its table and column. */
    @Converter
    static class EncryptedTotpSecret extends EncryptedText {
        EncryptedTotpSecret() {
            super("staff_user", "totp_secret");
        }
    }
}
