package org.parley.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Keeps a signed-in session's roles those of its account now, not those of the moment it signed in: an emergency
 * grant takes effect and ends by itself, a demotion or deactivation takes effect, at the next request (read at
 * most every few seconds per session). Runs in the security filter chain before any authorization, so URL rules,
 * Vaadin's view checks and {@code @PreAuthorize} all see the same roles.
 */
class SessionAuthorities extends OncePerRequestFilter {

    private static final String CHECKED_AT = SessionAuthorities.class.getName() + ".checkedAt";
    private static final Duration RECHECK_AFTER = Duration.ofSeconds(5);

    private final StaffAuthorities staff;
    private final SignInSession signIns;
    private final SecurityContextHolderStrategy holder;
    private final Clock clock;

    SessionAuthorities(StaffAuthorities staff, SignInSession signIns, SecurityContextHolderStrategy holder,
                       Clock clock) {
        this.staff = staff;
        this.signIns = signIns;
        this.holder = holder;
        this.clock = clock;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication login = holder.getContext().getAuthentication();
        HttpSession session = request.getSession(false);
        if (session != null && login instanceof UsernamePasswordAuthenticationToken && login.isAuthenticated()
                && login.getPrincipal() instanceof UserDetails && due(session)) {
            refresh(login, request, response);
        }
        chain.doFilter(request, response);
    }

    private boolean due(HttpSession session) {
        Instant now = clock.instant();
        Object checked = session.getAttribute(CHECKED_AT);
        if (checked instanceof Instant at && at.plus(RECHECK_AFTER).isAfter(now) && !at.isAfter(now)) {
            return false;
        }
        session.setAttribute(CHECKED_AT, now);
        return true;
    }

    private void refresh(Authentication login, HttpServletRequest request, HttpServletResponse response) {
        List<GrantedAuthority> roles = staff.currentRoles(login.getName());
        if (names(roles).equals(names(roleAuthorities(login)))) {
            return;
        }
        List<GrantedAuthority> authorities = new ArrayList<>(login.getAuthorities().stream()
                .filter(a -> !isRole(a)).toList());
        authorities.addAll(roles);
        UsernamePasswordAuthenticationToken updated = UsernamePasswordAuthenticationToken.authenticated(
                login.getPrincipal(), null, authorities);
        updated.setDetails(login.getDetails());
        SecurityContext context = holder.createEmptyContext();
        context.setAuthentication(updated);
        holder.setContext(context);
        signIns.saveContext(context, request, response);
    }

    private static List<GrantedAuthority> roleAuthorities(Authentication login) {
        return login.getAuthorities().stream().filter(SessionAuthorities::isRole).map(a -> (GrantedAuthority) a)
                .toList();
    }

    private static boolean isRole(GrantedAuthority authority) {
        return authority.getAuthority() != null && authority.getAuthority().startsWith("ROLE_");
    }

    private static Set<String> names(List<GrantedAuthority> authorities) {
        return authorities.stream().map(GrantedAuthority::getAuthority).collect(Collectors.toSet());
    }
}
