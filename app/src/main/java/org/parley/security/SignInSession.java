package org.parley.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.core.context.DeferredSecurityContext;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.web.context.DelegatingSecurityContextRepository;
import org.springframework.security.web.context.HttpRequestResponseHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.stereotype.Component;

/**
 * Where a browser session's sign-in is kept, between the two factors too.
 *
 * <p>Spring Security stores the login in the session through this repository. A {@link PasswordVerified} (right
 * password, second factor due) is not stored as a login: it is kept aside as a {@link PendingSignIn} and the
 * session stays anonymous. So until the second factor passes, every check that already exists, on URLs, on
 * Vaadin views ({@code @PermitAll} included) and on services ({@code @PreAuthorize}), sees nobody signed in;
 * only the two second-factor pages read the pending sign-in. When the code is right, the session gets its id
 * changed and the full login with the account's roles and both factors.
 *
 * <p>Spring Security 7's own multi-factor support was not used: it grants the roles with the first factor and
 * relies on authorization rules that also ask for a factor authority, which Vaadin's view checks (any principal
 * may open a {@code @PermitAll} view) and Vaadin's internal requests (permitted at the URL level) would not ask.
 * The factor authorities themselves are Spring's ({@link FactorGrantedAuthority}).
 */
@Component
public class SignInSession implements SecurityContextRepository {

    /** The authority of the app code or a recovery code, next to Spring Security's password factor. */
    public static final String TOTP_FACTOR = "FACTOR_TOTP";
    static final String PENDING = SignInSession.class.getName() + ".pending";
    /** How long a right password waits for its second factor. */
    private static final Duration SECOND_FACTOR_WITHIN = Duration.ofMinutes(10);

    private final SecurityContextRepository stored = new DelegatingSecurityContextRepository(
            new RequestAttributeSecurityContextRepository(), new HttpSessionSecurityContextRepository());
    private final TwoFactor twoFactor;
    private final StaffAuthorities staff;
    private final SecurityContextHolderStrategy holder;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    SignInSession(TwoFactor twoFactor, StaffAuthorities staff, SecurityContextHolderStrategy holder,
                  ApplicationEventPublisher events, Clock clock) {
        this.twoFactor = twoFactor;
        this.staff = staff;
        this.holder = holder;
        this.events = events;
        this.clock = clock;
    }

    @Override
    public DeferredSecurityContext loadDeferredContext(HttpServletRequest request) {
        return stored.loadDeferredContext(request);
    }

    @Override
    @Deprecated
    @SuppressWarnings("deprecation")
    public SecurityContext loadContext(HttpRequestResponseHolder holder) {
        return stored.loadContext(holder);
    }

    @Override
    public void saveContext(SecurityContext context, HttpServletRequest request, HttpServletResponse response) {
        Authentication authentication = context.getAuthentication();
        if (authentication instanceof PasswordVerified password) {
            request.getSession().setAttribute(PENDING,
                    new PendingSignIn(password.getName(), password.mustEnrol(), clock.instant()));
            stored.saveContext(holder.createEmptyContext(), request, response);
            return;
        }
        if (authentication != null && authentication.isAuthenticated()) {
            HttpSession session = request.getSession(false);
            if (session != null) {
                session.removeAttribute(PENDING);
            }
        }
        stored.saveContext(context, request, response);
    }

    @Override
    public boolean containsContext(HttpServletRequest request) {
        return stored.containsContext(request);
    }

    /** The sign-in of this browser session that waits for its second factor, if any (and not too old). */
    public Optional<PendingSignIn> pending(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session == null || !(session.getAttribute(PENDING) instanceof PendingSignIn pending)) {
            return Optional.empty();
        }
        if (pending.passwordAt().plus(SECOND_FACTOR_WITHIN).isBefore(clock.instant())) {
            session.removeAttribute(PENDING);
            return Optional.empty();
        }
        return Optional.of(pending);
    }

    /**
     * Checks the second factor of the pending sign-in and, when it is right, signs the session in. A wrong code
     * counts towards the lockout; a refused one ends the pending sign-in.
     */
    public TwoFactor.Verification verify(HttpServletRequest request, HttpServletResponse response, String code) {
        PendingSignIn pending = pending(request).filter(p -> !p.mustEnrol()).orElse(null);
        if (pending == null) {
            return new TwoFactor.Verification(TwoFactor.Outcome.REFUSED, false, 0);
        }
        TwoFactor.Verification verification = twoFactor.verify(pending.username(), code);
        switch (verification.outcome()) {
            case ACCEPTED -> signIn(request, response, pending);
            case REFUSED -> cancel(request);
            case WRONG -> {
                // stays pending: the person may try again until the lockout
            }
        }
        return verification;
    }

    /** A secret for the pending sign-in of an account that must enrol first. */
    public TwoFactor.EnrolmentOffer offerEnrolment(HttpServletRequest request) {
        PendingSignIn pending = pending(request).filter(PendingSignIn::mustEnrol)
                .orElseThrow(() -> new IllegalStateException("No sign-in waits for two-factor setup."));
        return twoFactor.offer(pending.username());
    }

    /**
     * Enrols the account of the pending sign-in with the offered secret, proven by a code of the app, and signs
     * the session in; returns the recovery codes to show once.
     *
     * @throws IllegalArgumentException when the code is not right
     */
    public List<String> enrol(HttpServletRequest request, HttpServletResponse response,
                              TwoFactor.EnrolmentOffer offer, String code) {
        PendingSignIn pending = pending(request).filter(PendingSignIn::mustEnrol)
                .orElseThrow(() -> new IllegalStateException("No sign-in waits for two-factor setup."));
        List<String> recoveryCodes = twoFactor.enrol(pending.username(), offer, code);
        signIn(request, response, pending);
        return recoveryCodes;
    }

    /** Forgets the pending sign-in: back to the password. */
    public void cancel(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.removeAttribute(PENDING);
        }
    }

    private void signIn(HttpServletRequest request, HttpServletResponse response, PendingSignIn pending) {
        UserDetails user = staff.signedIn(pending.username())
                .orElseThrow(() -> new IllegalStateException("This account cannot sign in."));
        List<GrantedAuthority> authorities = new ArrayList<>(user.getAuthorities());
        authorities.add(FactorGrantedAuthority.withAuthority(FactorGrantedAuthority.PASSWORD_AUTHORITY)
                .issuedAt(pending.passwordAt()).build());
        authorities.add(FactorGrantedAuthority.withAuthority(TOTP_FACTOR).issuedAt(clock.instant()).build());
        Authentication login = UsernamePasswordAuthenticationToken.authenticated(user, null, authorities);
        // A new session id for the new privileges, as Spring Security does after the password.
        request.changeSessionId();
        SecurityContext context = holder.createEmptyContext();
        context.setAuthentication(login);
        holder.setContext(context);
        saveContext(context, request, response);
        events.publishEvent(new AuthenticationSuccessEvent(login));
    }
}
