package org.parley.security;

import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;

/**
 * The result of a right password for an account that must also pass a second factor. It carries no role and is
 * never stored as the session's login: {@link SignInSession} keeps it aside as a {@link PendingSignIn} until the
 * second factor passes.
 */
final class PasswordVerified extends AbstractAuthenticationToken {

    private final String username;
    private final boolean mustEnrol;

    PasswordVerified(String username, boolean mustEnrol, Object details) {
        super(List.of());
        this.username = username;
        this.mustEnrol = mustEnrol;
        setDetails(details);
        setAuthenticated(true);
    }

    boolean mustEnrol() {
        return mustEnrol;
    }

    @Override
    public Object getCredentials() {
        return null;
    }

    @Override
    public Object getPrincipal() {
        return username;
    }
}
