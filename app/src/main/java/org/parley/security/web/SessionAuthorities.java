package org.parley.security.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import org.parley.security.SessionAccess;
import org.parley.security.SignInSession;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Keeps a signed-in session what its account is now, not what it was when it signed in, on every request
 * ({@link SessionAccess}): a deactivated account or one whose second factor was reset is signed out before the
 * request goes on (it continues as nobody, so the login page answers); a demotion, an emergency grant starting or
 * ending take effect. Runs in the security filter chain before any authorization, so URL rules, Vaadin's view checks
 * and {@code @PreAuthorize} all see the same roles.
 */
class SessionAuthorities extends OncePerRequestFilter {

    private final SessionAccess access;
    private final SignInSession signIns;
    private final SecurityContextHolderStrategy holder;

    SessionAuthorities(SessionAccess access, SignInSession signIns, SecurityContextHolderStrategy holder) {
        this.access = access;
        this.signIns = signIns;
        this.holder = holder;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication login = holder.getContext().getAuthentication();
        HttpSession session = request.getSession(false);
        if (session != null && login instanceof UsernamePasswordAuthenticationToken && login.isAuthenticated()
                && login.getPrincipal() instanceof UserDetails) {
            switch (access.check(login, session, false)) {
                case SessionAccess.Ended ended -> {
                    holder.clearContext();
                    access.end(session, login.getName());
                }
                case SessionAccess.Refreshed refreshed -> {
                    SecurityContext context = holder.createEmptyContext();
                    context.setAuthentication(refreshed.login());
                    holder.setContext(context);
                    signIns.saveContext(context, request, response);
                }
                case SessionAccess.Unchanged unchanged -> {
                }
            }
        }
        chain.doFilter(request, response);
    }
}
