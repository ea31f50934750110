package org.parley.testsupport;

import com.vaadin.flow.server.VaadinSession;
import java.util.List;
import java.util.function.Supplier;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;

/**
 * Calls services from a test thread as a signed-in staff member, so their own checks ({@code @PreAuthorize}) run as
 * they would for that person. The login goes into the context's strategy (which method security reads) and the
 * static holder alike, and is cleared afterwards.
 */
public final class ActingAs {

    private static final String SESSION_LOGIN =
            HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY;

    private ActingAs() {
    }

    public static <T> T call(SecurityContextHolderStrategy holder, String username, String role, Supplier<T> action) {
        SecurityContext context = holder.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(username, null,
                List.of(new SimpleGrantedAuthority("ROLE_" + role))));
        holder.setContext(context);
        SecurityContextHolder.setContext(context);
        // In a browserless view test the mocked browser session's login comes first (Vaadin's strategy reads it
        // there): it is this person's for the call, and the session's own again afterwards.
        var session = VaadinSession.getCurrent();
        var wrapped = session == null ? null : session.getSession();
        Object sessionLogin = wrapped == null ? null : wrapped.getAttribute(SESSION_LOGIN);
        if (wrapped != null) {
            wrapped.setAttribute(SESSION_LOGIN, context);
        }
        try {
            return action.get();
        } finally {
            if (wrapped != null) {
                wrapped.setAttribute(SESSION_LOGIN, sessionLogin);
            }
            holder.clearContext();
            SecurityContextHolder.clearContext();
        }
    }

    public static void run(SecurityContextHolderStrategy holder, String username, String role, Runnable action) {
        call(holder, username, role, () -> {
            action.run();
            return null;
        });
    }
}
