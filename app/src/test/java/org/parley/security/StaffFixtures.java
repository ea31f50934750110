package org.parley.security;

import java.time.Clock;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Lets tests create staff accounts of any role. Parley has no public way to add one yet (only the first
 * admin), so this saves the account the way {@link StaffDirectory} would, password hashed.
 */
@Component
public class StaffFixtures {

    private final StaffUserRepository users;
    private final PasswordEncoder passwordEncoder;
    private final StaffDirectory directory;
    private final Clock clock;

    StaffFixtures(StaffUserRepository users, PasswordEncoder passwordEncoder, StaffDirectory directory,
                  Clock clock) {
        this.users = users;
        this.passwordEncoder = passwordEncoder;
        this.directory = directory;
        this.clock = clock;
    }

    /** The account with this user name, created with the given role and password when it does not exist. */
    @Transactional
    public StaffMember account(String username, String displayName, String password, Role role) {
        return users.findByUsernameIgnoreCase(username).map(StaffUser::toStaffMember)
                .orElseGet(() -> users.save(new StaffUser(StaffDirectory.validUsername(username), displayName,
                        passwordEncoder.encode(password), role, clock.instant())).toStaffMember());
    }

    /** The first admin, created when Parley has no account yet. */
    public void firstAdmin(String username, String displayName, String password) {
        if (!directory.hasAnyUser()) {
            directory.createFirstAdmin(username, displayName, password);
        }
    }
}
