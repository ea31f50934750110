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
class SecurityAudit {

    /** Set on a session that ends by logging out, so its end is not counted as an idle logoff too. */
    static final String LOGGED_OUT = SecurityAudit.class.getName() + ".loggedOut";

    private final AuditLog audit;

    SecurityAudit(AuditLog audit) {
        this.audit = audit;
    }

    @EventListener
    void loggedIn(AuthenticationSuccessEvent event) {
        audit.record(event.getAuthentication().getName(), "LOGIN", null, null, null);
    }

    @EventListener
    void loginFailed(AbstractAuthenticationFailureEvent event) {
        // The typed user name may be mistyped but is never PHI; the password is never recorded.
        String name = String.valueOf(event.getAuthentication().getName());
        audit.record(name.length() > 100 ? name.substring(0, 100) : name, "LOGIN_FAILED", null, null,
                event.getException().getClass().getSimpleName());
    }

    void loggedOut(String username) {
        audit.record(username, "LOGOUT", null, null, null);
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
