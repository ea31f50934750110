package org.parley.security.ui;

import com.vaadin.flow.component.HasElement;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.server.ServiceInitEvent;
import com.vaadin.flow.server.VaadinServiceInitListener;
import com.vaadin.flow.server.VaadinSession;
import com.vaadin.flow.server.WrappedHttpSession;
import com.vaadin.flow.shared.Registration;
import jakarta.annotation.security.RolesAllowed;
import jakarta.servlet.http.HttpSession;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.parley.base.ui.LiveUpdates;
import org.parley.security.SessionAccess;
import org.parley.security.StaffAccessChanged;
import org.parley.security.StaffDirectory;
import org.parley.security.web.StaffAccess;
import org.springframework.core.annotation.AnnotationUtils;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.stereotype.Component;

/**
 * The open tabs of a person whose account changed follow the change at once, on every node: when any node says so
 * ({@link StaffAccessChanged}, through the live updates, which cross nodes on PostgreSQL) each node asks the database
 * about the sessions it holds for that person ({@link SessionAccess}). Deactivated or second factor reset: every tab
 * goes to the login page and the session ends. Demoted (or emergency access revoked): the session gets its new roles
 * and a tab showing a page for roles it no longer has goes to the "administrators only" page. After a
 * {@link LiveUpdates.Resync} (notifications may have been lost) every session checks again; and every request checks
 * anyway, so a lost notification delays nothing a person can click.
 */
@Component
class AccessFollowsAccount implements VaadinServiceInitListener {

    private static final String LOGIN_PAGE = "login";
    private static final Duration PUSH_GRACE = Duration.ofSeconds(2);

    private final LiveUpdates liveUpdates;
    private final SessionAccess access;
    private final StaffDirectory directory;

    AccessFollowsAccount(LiveUpdates liveUpdates, SessionAccess access, StaffDirectory directory) {
        this.liveUpdates = liveUpdates;
        this.access = access;
        this.directory = directory;
    }

    @Override
    public void serviceInit(ServiceInitEvent event) {
        // Every tab, the login page's too: whose it is, is read from its session when an account changes (a tab
        // opened before signing in may be signed in by then).
        event.getSource().addUIInitListener(init -> follow(init.getUI()));
    }

    private void follow(UI ui) {
        List<Registration> registrations = List.of(
                liveUpdates.subscribe(ui, StaffAccessChanged.class, changed -> accountChanged(ui, changed.staffUserId())),
                liveUpdates.subscribe(ui, LiveUpdates.Resync.class, resync -> accountChanged(ui, null)));
        ui.addDetachListener(detached -> registrations.forEach(Registration::remove));
    }

    /** In {@code ui}'s lock: applies the account's state to the whole session, if the account is this session's. */
    void accountChanged(UI ui, Long staffUserId) {
        VaadinSession session = ui.getSession();
        if (session == null || !(session.getSession() instanceof WrappedHttpSession wrapped)) {
            return;
        }
        HttpSession http = wrapped.getHttpSession();
        Authentication login;
        try {
            login = http.getAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY)
                    instanceof SecurityContext context ? context.getAuthentication() : null;
        } catch (IllegalStateException ended) {
            return;
        }
        if (login == null || !login.isAuthenticated() || staffUserId != null && !directory.find(staffUserId)
                .map(member -> member.username().equalsIgnoreCase(login.getName())).orElse(false)) {
            return;
        }
        switch (access.check(login, http, true)) {
            case SessionAccess.Ended ended -> {
                // Nothing is allowed from here on (requests and pushed refreshes find nobody signed in)...
                if (!access.signOut(http, login.getName())) {
                    return;
                }
                for (UI tab : List.copyOf(session.getUIs())) {
                    tab.accessSynchronously(() -> {
                        tab.getPage().setLocation(LOGIN_PAGE);
                        tab.push();
                    });
                }
                // ...and the session ends once the push has had time to leave: ended at once, a push still being
                // written would be cut off with it, leaving the tab where it was until its next request.
                CompletableFuture.delayedExecutor(PUSH_GRACE.toMillis(), TimeUnit.MILLISECONDS)
                        .execute(() -> SessionAccess.invalidate(http));
                return;
            }
            case SessionAccess.Refreshed refreshed -> {
                http.setAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY,
                        new SecurityContextImpl(refreshed.login()));
                closePagesNotAllowed(session, refreshed.login());
            }
            case SessionAccess.Unchanged unchanged -> closePagesNotAllowed(session, login);
        }
    }

    /** Tabs showing a page for roles the sign-in no longer has go to the "administrators only" page. */
    private static void closePagesNotAllowed(VaadinSession session, Authentication login) {
        for (UI tab : List.copyOf(session.getUIs())) {
            boolean allowed = true;
            for (HasElement shown : tab.getInternals().getActiveRouterTargetsChain()) {
                RolesAllowed roles = AnnotationUtils.findAnnotation(shown.getClass(), RolesAllowed.class);
                if (roles != null && Arrays.stream(roles.value()).noneMatch(role -> has(login, role))) {
                    allowed = false;
                }
            }
            if (!allowed) {
                tab.accessSynchronously(() -> tab.navigate(StaffAccess.ADMINS_ONLY_PAGE));
            }
        }
    }

    private static boolean has(Authentication login, String role) {
        return login.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .anyMatch(a -> a.equals("ROLE_" + role));
    }
}
