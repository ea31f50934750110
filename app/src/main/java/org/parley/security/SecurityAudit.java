package org.parley.security;

import org.parley.audit.AuditLog;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.session.HttpSessionDestroyedEvent;
import org.springframework.stereotype.Component;

/** Writes logins, failed logins, logouts and idle logoffs to the audit log. */
@Component
class SecurityAudit implements org.springframework.security.web.authentication.logout.LogoutHandler {

    /** Set on a session that ends by logging out, so its end is not counted as an idle logoff too. */
    static final String LOGGED_OUT = SecurityAudit.class.getName() + ".loggedOut";

    private final AuditLog audit;
    private final StaffUserRepository users;
    private final java.time.Clock clock;
    private final int lockoutAttempts;
    private final java.time.Duration lockoutDuration;

    SecurityAudit(AuditLog audit, StaffUserRepository users, java.time.Clock clock,
                  @org.springframework.beans.factory.annotation.Value("${parley.security.lockout.attempts:5}")
                  int lockoutAttempts,
                  @org.springframework.beans.factory.annotation.Value("${parley.security.lockout.duration:15m}")
                  java.time.Duration lockoutDuration) {
        this.audit = audit;
        this.users = users;
        this.clock = clock;
        this.lockoutAttempts = lockoutAttempts;
        this.lockoutDuration = lockoutDuration;
    }

    @EventListener
    @org.springframework.transaction.annotation.Transactional
    void loggedIn(AuthenticationSuccessEvent event) {
        audit.record(event.getAuthentication().getName(), "LOGIN", null, null, null);
        users.findByUsernameIgnoreCase(event.getAuthentication().getName()).ifPresent(StaffUser::loginSucceeded);
    }

    @EventListener
    @org.springframework.transaction.annotation.Transactional
    void loginFailed(AbstractAuthenticationFailureEvent event) {
        // Only a name that is an account is recorded: what someone typed into the user-name field may be
        // their password. The password itself is never recorded.
        String typed = String.valueOf(event.getAuthentication().getName()).trim();
        java.util.Optional<StaffUser> user = users.findByUsernameIgnoreCase(typed);
        String actor = user.map(StaffUser::getUsername).orElse("(unknown account)");
        audit.record(actor, "LOGIN_FAILED", null, null, event.getException().getClass().getSimpleName());
        if (user.isPresent() && event.getException()
                instanceof org.springframework.security.authentication.BadCredentialsException) {
            java.time.Instant now = clock.instant();
            if (user.get().loginFailed(lockoutAttempts, now, lockoutDuration)) {
                audit.record(actor, "ACCOUNT_LOCKED", "staff_user", String.valueOf(user.get().getId()),
                        lockoutAttempts + " failed logins");
            }
        }
    }

    /** Every logout, from the app's button or Spring Security's logout URL, is audited and not taken for idle. */
    @Override
    public void logout(jakarta.servlet.http.HttpServletRequest request,
                       jakarta.servlet.http.HttpServletResponse response,
                       org.springframework.security.core.Authentication authentication) {
        jakarta.servlet.http.HttpSession session = request.getSession(false);
        if (session != null) {
            session.setAttribute(LOGGED_OUT, Boolean.TRUE);
        }
        if (authentication != null) {
            audit.record(authentication.getName(), "LOGOUT", null, null, null);
        }
    }

    @EventListener
    void sessionEnded(HttpSessionDestroyedEvent event) {
        Object loggedOut;
        Object context;
        try {
            loggedOut = event.getSession().getAttribute(LOGGED_OUT);
            context = event.getSession()
                    .getAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY);
        } catch (IllegalStateException alreadyInvalidated) {
            return;
        }
        if (loggedOut == null && context instanceof SecurityContext security
                && security.getAuthentication() != null) {
            audit.record(security.getAuthentication().getName(), "LOGOFF_IDLE", null, null,
                    "session timed out");
        }
    }
}
