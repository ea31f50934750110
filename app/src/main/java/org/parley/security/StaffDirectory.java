package org.parley.security;

import java.time.Clock;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.parley.audit.AuditLog;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Staff accounts: the first admin, and look-ups by id and user name. */
@Service
public class StaffDirectory {

    /** The shortest password accepted. */
    public static final int MIN_PASSWORD_LENGTH = 12;

    private final StaffUserRepository users;
    private final EmergencyGrantRepository emergencyGrants;
    private final PasswordEncoder passwordEncoder;
    private final AuditLog audit;
    private final Clock clock;
    private final AtomicBoolean hasUsers = new AtomicBoolean();

    StaffDirectory(StaffUserRepository users, EmergencyGrantRepository emergencyGrants, PasswordEncoder passwordEncoder,
                   AuditLog audit, Clock clock) {
        this.users = users;
        this.emergencyGrants = emergencyGrants;
        this.passwordEncoder = passwordEncoder;
        this.audit = audit;
        this.clock = clock;
    }

    /** Whether any account exists; until one does, Parley asks for the first admin. */
    public boolean hasAnyUser() {
        if (hasUsers.get()) {
            return true;
        }
        boolean any = users.count() > 0;
        if (any) {
            hasUsers.set(true);
        }
        return any;
    }

    /**
     * Creates the first admin account. Refused once any account exists, so nobody can use the first-run page
     * to take over an installed Parley.
     *
     * @throws IllegalStateException when an account already exists
     * @throws IllegalArgumentException naming what is wrong with the input
     */
    @Transactional
    public synchronized StaffMember createFirstAdmin(String username, String displayName, String password) {
        if (users.count() > 0) {
            throw new IllegalStateException("Parley already has an administrator. Log in instead.");
        }
        String name = validUsername(username);
        String shown = displayName == null ? "" : displayName.trim();
        if (shown.isEmpty()) {
            throw new IllegalArgumentException("Enter the name colleagues know you by.");
        }
        checkPassword(password, name);
        StaffUser user = users.save(new StaffUser(name, shown, passwordEncoder.encode(password), Role.ADMIN,
                clock.instant()));
        hasUsers.set(true);
        audit.record(name, "FIRST_ADMIN_CREATED", "staff_user", String.valueOf(user.getId()), null);
        return user.toStaffMember();
    }

    /** A staff member by id. */
    @Transactional(readOnly = true)
    public Optional<StaffMember> find(long id) {
        return users.findById(id).map(StaffUser::toStaffMember);
    }

    /** A staff member by user name, ignoring case. */
    @Transactional(readOnly = true)
    public Optional<StaffMember> findByUsername(String username) {
        return users.findByUsernameIgnoreCase(username).map(StaffUser::toStaffMember);
    }

    static String validUsername(String username) {
        String name = username == null ? "" : username.trim().toLowerCase(Locale.ROOT);
        if (!name.matches("[a-z0-9._-]{3,100}")) {
            throw new IllegalArgumentException(
                    "A user name has 3 to 100 letters, digits, dots, dashes or underscores.");
        }
        return name;
    }

    static void checkPassword(String password, String username) {
        if (password == null || password.length() < MIN_PASSWORD_LENGTH) {
            throw new IllegalArgumentException(
                    "The password must have at least " + MIN_PASSWORD_LENGTH + " characters.");
        }
        if (password.toLowerCase(Locale.ROOT).contains(username)) {
            throw new IllegalArgumentException("The password must not contain the user name.");
        }
        if (CommonPasswords.contains(password)) {
            throw new IllegalArgumentException("This password is on the list of passwords attackers try first: "
                    + "choose another.");
        }
    }

    /** Every account, by user name (admins only). A practice has tens of staff, paged all the same. */
    @Transactional(readOnly = true)
    @org.springframework.security.access.prepost.PreAuthorize("hasRole('ADMIN')")
    public java.util.List<StaffAccount> accounts(int offset, int limit) {
        if (limit <= 0) {
            return java.util.List.of();
        }
        java.time.Instant now = clock.instant();
        java.util.List<StaffUser> page = users.findByOrderByUsernameAsc(
                org.springframework.data.domain.PageRequest.of(offset / limit, limit));
        java.util.Map<Long, EmergencyAccess.Grant> emergency = new java.util.HashMap<>();
        emergencyGrants.activeOfAny(page.stream().map(StaffUser::getId).toList(), now)
                .forEach(g -> emergency.put(g.getStaffUserId(), g.toGrant()));
        return page.stream().map(u -> u.toAccount(now, emergency.get(u.getId()))).toList();
    }

    /**
     * Creates a named account (admins only).
     *
     * @throws IllegalArgumentException naming what is wrong, e.g. a user name that exists
     */
    @Transactional
    @org.springframework.security.access.prepost.PreAuthorize("hasRole('ADMIN')")
    public StaffAccount createAccount(String actor, String username, String displayName, String password, Role role) {
        String name = validUsername(username);
        if (users.findByUsernameIgnoreCase(name).isPresent()) {
            throw new IllegalArgumentException("There is already an account '" + name + "'.");
        }
        String shown = displayName == null ? "" : displayName.trim();
        if (shown.isEmpty()) {
            throw new IllegalArgumentException("Enter the name colleagues know them by.");
        }
        checkPassword(password, name);
        StaffUser user = users.save(new StaffUser(name, shown, passwordEncoder.encode(password),
                role == null ? Role.STAFF : role, clock.instant()));
        audit.record(actor, "USER_CREATED", "staff_user", String.valueOf(user.getId()), "role " + user.getRole());
        return user.toAccount(clock.instant(), null);
    }

    /** Sets a new password for an account and unlocks it (admins only). */
    @Transactional
    @org.springframework.security.access.prepost.PreAuthorize("hasRole('ADMIN')")
    public void resetPassword(String actor, long userId, String password) {
        StaffUser user = account(userId);
        checkPassword(password, user.getUsername());
        user.changePassword(passwordEncoder.encode(password));
        user.unlock();
        audit.record(actor, "PASSWORD_RESET", "staff_user", String.valueOf(userId), null);
    }

    /** Deactivates or reactivates an account; the last active admin stays (admins only). */
    @Transactional
    @org.springframework.security.access.prepost.PreAuthorize("hasRole('ADMIN')")
    public void setActive(String actor, long userId, boolean active) {
        StaffUser user = account(userId);
        if (!active && user.getRole() == Role.ADMIN && user.isEnabled()
                && users.countByRoleAndEnabledTrue(Role.ADMIN) <= 1) {
            throw new IllegalArgumentException("This is the last active administrator: make someone else admin first.");
        }
        user.setEnabled(active);
        audit.record(actor, active ? "USER_REACTIVATED" : "USER_DEACTIVATED", "staff_user", String.valueOf(userId),
                null);
    }

    /** Changes an account's role; the last active admin stays admin (admins only). */
    @Transactional
    @org.springframework.security.access.prepost.PreAuthorize("hasRole('ADMIN')")
    public void setRole(String actor, long userId, Role role) {
        StaffUser user = account(userId);
        if (role != Role.ADMIN && user.getRole() == Role.ADMIN && user.isEnabled()
                && users.countByRoleAndEnabledTrue(Role.ADMIN) <= 1) {
            throw new IllegalArgumentException("This is the last active administrator: make someone else admin first.");
        }
        user.setRole(role);
        audit.record(actor, "ROLE_CHANGED", "staff_user", String.valueOf(userId), "role " + role);
    }

    /** Unlocks an account locked after failed logins (admins only). */
    @Transactional
    @org.springframework.security.access.prepost.PreAuthorize("hasRole('ADMIN')")
    public void unlock(String actor, long userId) {
        account(userId).unlock();
        audit.record(actor, "ACCOUNT_UNLOCKED", "staff_user", String.valueOf(userId), null);
    }

    private StaffUser account(long userId) {
        return users.findById(userId).orElseThrow(() -> new IllegalArgumentException("There is no such account."));
    }
}
