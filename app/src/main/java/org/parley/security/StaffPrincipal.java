package org.parley.security;

import java.util.Collection;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.userdetails.User;

/**
 * The signed-in account as a session holds it: with the account's session epoch at the password check, so a session
 * that began before a deactivation or a second factor reset is recognised and ended ({@link SessionAccess}).
 */
final class StaffPrincipal extends User {

    private final long sessionEpoch;

    StaffPrincipal(String username, String password, boolean enabled, boolean nonLocked,
                   Collection<? extends GrantedAuthority> authorities, long sessionEpoch) {
        super(username, password, enabled, true, true, nonLocked, authorities);
        this.sessionEpoch = sessionEpoch;
    }

    long sessionEpoch() {
        return sessionEpoch;
    }

    @Override
    public boolean equals(Object other) {
        return super.equals(other);
    }

    @Override
    public int hashCode() {
        return super.hashCode();
    }
}
