package org.parley.operations;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import jakarta.servlet.http.HttpSession;
import jakarta.servlet.http.HttpSessionAttributeListener;
import jakarta.servlet.http.HttpSessionBindingEvent;
import jakarta.servlet.http.HttpSessionEvent;
import jakarta.servlet.http.HttpSessionListener;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.stereotype.Component;

/**
 * {@code parley_staff_sessions_open}: the browser sessions of this node in which a staff member is signed in (both
 * factors passed; a password waiting for its second factor is not a sign-in). Counted from the sign-in Spring
 * Security keeps in the session: it is stored at sign-in and removed at logout, idle logoff and session expiry. Per
 * node: sum over nodes.
 */
@Component
class StaffSessions implements HttpSessionAttributeListener, HttpSessionListener, MeterBinder {

    static final String METER = "parley.staff.sessions.open";
    private static final String SIGN_IN = HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY;

    private final Set<HttpSession> signedIn = ConcurrentHashMap.newKeySet();

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder(METER, signedIn, Set::size).description("Browser sessions with a signed-in staff member")
                .strongReference(true).register(registry);
    }

    /** How many sessions of this node have a staff member signed in. */
    int count() {
        return signedIn.size();
    }

    @Override
    public void attributeAdded(HttpSessionBindingEvent event) {
        changed(event);
    }

    @Override
    public void attributeReplaced(HttpSessionBindingEvent event) {
        changed(event);
    }

    @Override
    public void attributeRemoved(HttpSessionBindingEvent event) {
        if (SIGN_IN.equals(event.getName())) {
            signedIn.remove(event.getSession());
        }
    }

    @Override
    public void sessionDestroyed(HttpSessionEvent event) {
        signedIn.remove(event.getSession());
    }

    private void changed(HttpSessionBindingEvent event) {
        if (!SIGN_IN.equals(event.getName())) {
            return;
        }
        // attributeReplaced carries the old value: read the one the session holds now
        if (isStaff(event.getSession().getAttribute(SIGN_IN))) {
            signedIn.add(event.getSession());
        } else {
            signedIn.remove(event.getSession());
        }
    }

    private static boolean isStaff(Object value) {
        if (!(value instanceof SecurityContext context)) {
            return false;
        }
        Authentication authentication = context.getAuthentication();
        return authentication != null && authentication.isAuthenticated()
                && !(authentication instanceof AnonymousAuthenticationToken);
    }
}
