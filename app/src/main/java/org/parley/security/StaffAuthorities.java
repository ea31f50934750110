package org.parley.security;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * What a staff account may do right now, read fresh from the database: its password hash and state for the
 * password check, and its roles for a signed-in session: its own role, plus ADMIN while an emergency grant
 * runs (on the app's clock), plus the role of each {@link Permission} an admin granted it or its role.
 */
@Component
class StaffAuthorities {

    private final StaffUserRepository users;
    private final EmergencyGrantRepository emergencyGrants;
    private final Clock clock;
    private final Permissions permissions;

    StaffAuthorities(StaffUserRepository users, EmergencyGrantRepository emergencyGrants, Clock clock,
                     Permissions permissions) {
        this.permissions = permissions;
        this.users = users;
        this.emergencyGrants = emergencyGrants;
        this.clock = clock;
    }

    /** The account as Spring Security checks a password against it. */
    @Transactional(readOnly = true)
    public UserDetails loadUserByUsername(String username) {
        StaffUser user = users.findByUsernameIgnoreCase(username == null ? "" : username.trim())
                .orElseThrow(() -> new UsernameNotFoundException("no such account"));
        return new StaffPrincipal(user.getUsername(), user.getPasswordHash(), user.isEnabled(),
                !user.isLockedAt(clock.instant()), roles(user), user.getSessionEpoch());
    }

    /**
     * The account's state as a session compares it on every request: one small read, no secrets decrypted.
     *
     * @param enabled       whether it may be signed in at all
     * @param sessionEpoch  sessions holding another epoch end
     * @param accessVersion sessions holding another version read their roles again
     */
    record AccessState(boolean enabled, long sessionEpoch, long accessVersion) {
    }

    /** The state of an account now; empty when there is no such account. */
    @Transactional(readOnly = true)
    public Optional<AccessState> accessState(String username) {
        return users.accessState(username).stream().findFirst();
    }

    /** The role authorities the account has now; none when it is deactivated or gone. */
    @Transactional(readOnly = true)
    public List<GrantedAuthority> currentRoles(String username) {
        return users.findByUsernameIgnoreCase(username).filter(StaffUser::isEnabled).map(this::roles)
                .orElse(List.of());
    }

    /** The account itself, for a sign-in that has passed both factors. */
    @Transactional(readOnly = true)
    public Optional<UserDetails> signedIn(String username) {
        try {
            UserDetails user = loadUserByUsername(username);
            return user.isEnabled() && user.isAccountNonLocked() ? Optional.of(user) : Optional.empty();
        } catch (UsernameNotFoundException gone) {
            return Optional.empty();
        }
    }

    private List<GrantedAuthority> roles(StaffUser user) {
        List<GrantedAuthority> roles = new ArrayList<>();
        roles.add(new SimpleGrantedAuthority("ROLE_" + user.getRole().name()));
        if (user.getRole() != Role.ADMIN && emergencyGrants.findActive(user.getId(), clock.instant()).isPresent()) {
            roles.add(new SimpleGrantedAuthority("ROLE_" + Role.ADMIN.name()));
        }
        if (user.getRole() != Role.ADMIN) {
            permissions.grantedTo(user.getId(), user.getRole())
                    .forEach(granted -> roles.add(new SimpleGrantedAuthority("ROLE_" + granted.role())));
        }
        return List.copyOf(roles);
    }
}
