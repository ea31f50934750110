package org.parley.security;

import java.io.Serializable;
import java.time.Instant;

/**
 * A browser session whose password was right and whose second factor is still due. Not a login: the session
 * has no roles until {@link SignInSession} completes it.
 *
 * @param username   the account
 * @param mustEnrol  whether the account must set up two-factor sign-in first
 * @param passwordAt when the password was accepted
 */
public record PendingSignIn(String username, boolean mustEnrol, Instant passwordAt) implements Serializable {
}
