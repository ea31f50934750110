package org.parley.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.parley.audit.AuditAction;
import org.parley.audit.AuditLog;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Emergency access (HIPAA 164.312(a)(2)(ii)): an admin gives a staff member the admin role for a limited time,
 * with a reason, e.g. when the only admin is away. It ends by itself, measured on the app's clock; an admin may
 * end it earlier. Granting, revoking and running out are audited; the reason stays with the grant (shown on
 * the Users page), not in the audit log, which names records by id only.
 */
@Service
public class EmergencyAccess {

    /** The longest grant. */
    public static final Duration LONGEST = Duration.ofHours(24);

    /**
     * A grant as the Users page shows it.
     *
     * @param id        the grant's id (audit entries name it)
     * @param userId    who has it
     * @param reason    why, as the admin wrote it
     * @param grantedBy the admin's user name
     * @param grantedAt when
     * @param expiresAt when it ends by itself
     */
    public record Grant(long id, long userId, String reason, String grantedBy, Instant grantedAt, Instant expiresAt) {
    }

    private final EmergencyGrantRepository grants;
    private final StaffUserRepository users;
    private final AuditLog audit;
    private final Clock clock;

    private final ApplicationEventPublisher events;

    EmergencyAccess(EmergencyGrantRepository grants, StaffUserRepository users, AuditLog audit, Clock clock,
                    ApplicationEventPublisher events) {
        this.events = events;
        this.grants = grants;
        this.users = users;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Gives a staff member admin rights for {@code duration}, at most {@link #LONGEST} (admins only). It takes
     * effect at their next click, without signing in again.
     *
     * @throws IllegalArgumentException naming what is wrong: no reason, a duration out of range, an admin or
     *                                  deactivated account, a grant already running
     */
    @Transactional
    @PreAuthorize("hasRole('ADMIN')")
    public Grant grant(String actor, long userId, String reason, Duration duration) {
        String why = reason == null ? "" : reason.strip();
        if (why.isEmpty()) {
            throw new IllegalArgumentException("Write why emergency access is needed.");
        }
        if (why.length() > 500) {
            throw new IllegalArgumentException("Keep the reason under 500 characters.");
        }
        if (duration == null || duration.compareTo(Duration.ofMinutes(1)) < 0 || duration.compareTo(LONGEST) > 0) {
            throw new IllegalArgumentException("Emergency access lasts from a minute to 24 hours.");
        }
        StaffUser user = users.findById(userId).orElseThrow(
                () -> new IllegalArgumentException("There is no such account."));
        if (!user.isEnabled()) {
            throw new IllegalArgumentException(user.getUsername() + " is deactivated.");
        }
        if (user.getRole() == Role.ADMIN) {
            throw new IllegalArgumentException(user.getUsername() + " is an administrator already.");
        }
        Instant now = clock.instant();
        if (grants.findActive(userId, now).isPresent()) {
            throw new IllegalArgumentException(user.getUsername() + " has emergency access already: revoke it first.");
        }
        EmergencyGrant grant = grants.save(new EmergencyGrant(userId, why, actor, now, now.plus(duration)));
        user.accessChanged();
        events.publishEvent(new StaffAccessChanged(userId));
        audit.record(actor, AuditAction.EMERGENCY_ACCESS_GRANTED, "staff_user", String.valueOf(userId),
                "grant " + grant.getId() + ", until " + grant.getExpiresAt());
        return grant.toGrant();
    }

    /** Ends a staff member's running emergency access now (admins only). */
    @Transactional
    @PreAuthorize("hasRole('ADMIN')")
    public void revoke(String actor, long userId) {
        EmergencyGrant grant = grants.findActive(userId, clock.instant()).orElseThrow(
                () -> new IllegalArgumentException("This account has no emergency access running."));
        grant.revoke(actor, clock.instant());
        users.findById(userId).ifPresent(StaffUser::accessChanged);
        events.publishEvent(new StaffAccessChanged(userId));
        audit.record(actor, AuditAction.EMERGENCY_ACCESS_REVOKED, "staff_user", String.valueOf(userId),
                "grant " + grant.getId());
    }

    /** The running grant of an account, if any. */
    @Transactional(readOnly = true)
    public Optional<Grant> active(long userId) {
        return grants.findActive(userId, clock.instant()).map(EmergencyGrant::toGrant);
    }

    boolean isActive(long userId) {
        return grants.findActive(userId, clock.instant()).isPresent();
    }

    /**
     * Writes the end of every grant that ran out to the audit log, once. The rights themselves end at their time
     * whether or not this has run: every request reads them afresh ({@code web.SessionAuthorities}). Run once per
     * period in the whole cluster ({@link EmergencyAccessSweep}); a grant's expiry is audited once even if two ran at
     * once (its row is locked while it is marked).
     */
    @Transactional
    public void recordExpiries() {
        for (EmergencyGrant grant : grants.expiredUnaudited(clock.instant())) {
            grant.expiryAudited();
            audit.record(AuditLog.SYSTEM, AuditAction.EMERGENCY_ACCESS_EXPIRED, "staff_user",
                    String.valueOf(grant.getStaffUserId()), "grant " + grant.getId());
        }
    }
}
