package org.parley.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.parley.audit.AuditAction;
import org.parley.audit.AuditLog;
import org.parley.security.settings.SessionSettings;
import org.springframework.stereotype.Component;

/**
 * Failed sign-ins of an account, wrong passwords and wrong second-factor codes alike: each is audited and
 * counts towards the lockout, so guessing codes is stopped as soon as guessing passwords is.
 */
@Component
class LoginFailures {

    private final AuditLog audit;
    private final Clock clock;
    private final int attempts;
    private final Duration lockFor;

    LoginFailures(AuditLog audit, Clock clock, SessionSettings settings) {
        this.audit = audit;
        this.clock = clock;
        this.attempts = settings.lockout().attempts();
        this.lockFor = settings.lockout().duration();
    }

    /**
     * Audits a failed sign-in of an account and, when {@code counts}, counts it; returns whether the account is
     * locked now. The caller's transaction saves the account.
     *
     * @param detail why it failed, never what was typed
     */
    boolean failed(StaffUser user, String detail, boolean counts) {
        audit.record(user.getUsername(), AuditAction.LOGIN_FAILED, null, null, detail);
        Instant now = clock.instant();
        if (counts && user.loginFailed(attempts, now, lockFor)) {
            audit.record(user.getUsername(), AuditAction.ACCOUNT_LOCKED, "staff_user", String.valueOf(user.getId()),
                    attempts + " failed logins");
        }
        return user.isLockedAt(now);
    }
}
