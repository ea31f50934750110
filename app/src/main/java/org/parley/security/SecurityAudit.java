package org.parley.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.util.Optional;
import org.parley.audit.AuditAction;
import org.parley.audit.AuditLog;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.web.authentication.logout.LogoutHandler;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.session.HttpSessionDestroyedEvent;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Writes logins, failed logins, logouts and idle logoffs to the audit log. */
@Component
class SecurityAudit implements LogoutHandler {

    /** Set on a session that ends by logging out, so its end is not counted as an idle logoff too. */
    static final String LOGGED_OUT = SecurityAudit.class.getName() + ".loggedOut";

    private final AuditLog audit;
    private final StaffUserRepository users;
    private final LoginFailures failures;

    SecurityAudit(AuditLog audit, StaffUserRepository users, LoginFailures failures) {
        this.audit = audit;
        this.users = users;
        this.failures = failures;
    }

    @EventListener
    @Transactional
    void loggedIn(AuthenticationSuccessEvent event) {
        String name = event.getAuthentication().getName();
        if (event.getAuthentication() instanceof PasswordVerified password) {
            // Not a login yet, and the failure count stays: wrong codes after it keep counting towards the lockout.
            audit.record(name, AuditAction.PASSWORD_ACCEPTED, null, null,
                    password.mustEnrol() ? "two-factor setup due" : "second factor due");
            return;
        }
        boolean twoFactors = event.getAuthentication().getAuthorities().stream()
                .anyMatch(a -> SignInSession.TOTP_FACTOR.equals(a.getAuthority()));
        audit.record(name, AuditAction.LOGIN, null, null, twoFactors ? "with second factor" : null);
        users.findByUsernameIgnoreCase(name).ifPresent(StaffUser::loginSucceeded);
    }

    @EventListener
    @Transactional
    void loginFailed(AbstractAuthenticationFailureEvent event) {
        // Only a name that is an account is recorded: what someone typed into the user-name field may be
        // their password. The password itself is never recorded.
        String typed = String.valueOf(event.getAuthentication().getName()).trim();
        // The account's row is locked while its failure is counted: wrong passwords sent in parallel queue here and
        // each one counts, so they cannot multiply the lockout's budget (as wrong second-factor codes queue too).
        Optional<StaffUser> user = users.lockByUsername(typed);
        String detail = event.getException().getClass().getSimpleName();
        if (user.isEmpty()) {
            audit.record("(unknown account)", AuditAction.LOGIN_FAILED, null, null, detail);
            return;
        }
        failures.failed(user.get(), detail,
                event.getException() instanceof BadCredentialsException);
    }

    /** Every logout, from the app's button or Spring Security's logout URL, is audited and not taken for idle. */
    @Override
    public void logout(HttpServletRequest request,
                       HttpServletResponse response,
                       Authentication authentication) {
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.setAttribute(LOGGED_OUT, Boolean.TRUE);
        }
        if (authentication != null) {
            audit.record(authentication.getName(), AuditAction.LOGOUT, null, null, null);
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
            audit.record(security.getAuthentication().getName(), AuditAction.LOGOFF_IDLE, null, null,
                    "session timed out");
        }
    }
}
