package org.parley.security;

import jakarta.servlet.http.HttpSession;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.parley.audit.AuditAction;
import org.parley.audit.AuditLog;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.stereotype.Component;

/**
 * Keeps what a signed-in session may do that of its account now. Asked on every request of the session
 * ({@code web.SessionAuthorities}) and, for its open tabs, whenever any node says the account changed
 * ({@link StaffAccessChanged}, pushed by {@code security.ui.AccessFollowsAccount}): a deactivated account or one
 * whose second factor was reset loses the session; a role change or an emergency grant gives the session its new
 * roles.
 *
 * <p>The database decides, not the notification: each request compares the account's {@code session_epoch} and
 * {@code access_version} (one small read) with what the session holds, so a node that missed a notification still
 * applies the change at the session's next request. Roles are also read again every few seconds, since an emergency
 * grant ends by itself on the clock.
 */
@Component
public class SessionAccess {

    /** What a session's sign-in is now. */
    public sealed interface Outcome {
    }

    /** The sign-in stands as it is. */
    public record Unchanged() implements Outcome {
    }

    /** The session must end: the account is deactivated or gone, or its second factor was reset. */
    public record Ended() implements Outcome {
    }

    /** The sign-in with the account's roles now, to be stored in place of the old one. */
    public record Refreshed(Authentication login) implements Outcome {
    }

    private static final String VERSION = SessionAccess.class.getName() + ".accessVersion";
    private static final String CHECKED_AT = SessionAccess.class.getName() + ".checkedAt";
    private static final Duration RECHECK_AFTER = Duration.ofSeconds(5);

    private final StaffAuthorities staff;
    private final StaffUserRepository users;
    private final AuditLog audit;
    private final Clock clock;

    SessionAccess(StaffAuthorities staff, StaffUserRepository users, AuditLog audit, Clock clock) {
        this.staff = staff;
        this.users = users;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Compares a session's sign-in with its account now.
     *
     * @param login   the session's sign-in (a staff login)
     * @param session the session holding it (keeps the access version it last applied)
     * @param force   read the roles even when nothing seems to have changed
     */
    public Outcome check(Authentication login, HttpSession session, boolean force) {
        Optional<StaffAuthorities.AccessState> state = staff.accessState(login.getName());
        if (state.isEmpty() || !state.get().enabled()
                || login.getPrincipal() instanceof StaffPrincipal held
                && held.sessionEpoch() != state.get().sessionEpoch()) {
            return new Ended();
        }
        Instant now = clock.instant();
        boolean versionMoved = !(session.getAttribute(VERSION) instanceof Long version
                && version == state.get().accessVersion());
        boolean due = !(session.getAttribute(CHECKED_AT) instanceof Instant at
                && at.plus(RECHECK_AFTER).isAfter(now) && !at.isAfter(now));
        if (!force && !versionMoved && !due) {
            return new Unchanged();
        }
        session.setAttribute(VERSION, state.get().accessVersion());
        session.setAttribute(CHECKED_AT, now);
        List<GrantedAuthority> roles = staff.currentRoles(login.getName());
        if (names(roles).equals(names(roleAuthorities(login)))) {
            return new Unchanged();
        }
        List<GrantedAuthority> authorities = new ArrayList<>(login.getAuthorities().stream()
                .filter(a -> !isRole(a)).toList());
        authorities.addAll(roles);
        UsernamePasswordAuthenticationToken updated = UsernamePasswordAuthenticationToken.authenticated(
                login.getPrincipal(), null, authorities);
        updated.setDetails(login.getDetails());
        return new Refreshed(updated);
    }

    /**
     * Ends a session whose account no longer allows it, audited (with the account's id) and not taken for an idle
     * logoff.
     */
    public void end(HttpSession session, String username) {
        if (signOut(session, username)) {
            invalidate(session);
        }
    }

    /**
     * Takes the sign-in out of a session whose account no longer allows it, at once (every request and every service
     * call for it finds nobody signed in), audited; returns {@code false} when the session had ended already. The
     * session itself is ended by {@link #invalidate} once its tabs have been told where to go.
     */
    public boolean signOut(HttpSession session, String username) {
        try {
            session.setAttribute(SecurityAudit.LOGGED_OUT, Boolean.TRUE);
            session.removeAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY);
        } catch (IllegalStateException alreadyEnded) {
            return false;
        }
        audit.record(AuditLog.SYSTEM, AuditAction.SESSION_ENDED, "staff_user",
                users.findByUsernameIgnoreCase(username).map(u -> String.valueOf(u.getId())).orElse(null),
                "account deactivated, gone or its second factor reset");
        return true;
    }

    /** Ends a session (its sign-in already taken out by {@link #signOut}). */
    public static void invalidate(HttpSession session) {
        try {
            session.invalidate();
        } catch (IllegalStateException alreadyEnded) {
            // ended meanwhile (logout, timeout): nothing left to end
        }
    }

    /** Whether a sign-in holds one of the roles that may see patients' data (STAFF or ADMIN). */
    public static boolean mayWork(Authentication login) {
        return login != null && login.isAuthenticated() && login.getAuthorities().stream()
                .map(GrantedAuthority::getAuthority)
                .anyMatch(a -> ("ROLE_" + Role.STAFF.name()).equals(a) || ("ROLE_" + Role.ADMIN.name()).equals(a));
    }

    private static List<GrantedAuthority> roleAuthorities(Authentication login) {
        return login.getAuthorities().stream().filter(SessionAccess::isRole).map(a -> (GrantedAuthority) a)
                .toList();
    }

    private static boolean isRole(GrantedAuthority authority) {
        return authority.getAuthority() != null && authority.getAuthority().startsWith("ROLE_");
    }

    private static Set<String> names(List<GrantedAuthority> authorities) {
        return authorities.stream().map(GrantedAuthority::getAuthority).collect(Collectors.toSet());
    }
}
