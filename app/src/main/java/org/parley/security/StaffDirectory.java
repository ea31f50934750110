package org.parley.security;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import org.parley.audit.AuditAction;
import org.parley.audit.AuditLog;
import org.parley.base.TypedText;
import org.parley.security.credential.CommonPasswords;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.PageRequest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Staff accounts: the first admin, and look-ups by id and user name.
 *
 * <p>Longer than 300 lines on purpose: it is the one writer of the account entity ({@code StaffUser}, package-private
 * with its repository), so creating, changing, disabling and reading accounts stay here, each method short; sign-in,
 * two-factor, emergency access and permissions, which need the entity too, are services of their own beside it.
 */
@Service
public class StaffDirectory {

    /** The shortest password accepted. */
    public static final int MIN_PASSWORD_LENGTH = 12;

    // The browser's rule for <input type=email> (WHATWG), plus a dot in the domain: mail leaves the building.
    private static final Pattern EMAIL = Pattern.compile(
            "[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
                    + "(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+");

    private final StaffUserRepository users;
    private final EmergencyGrantRepository emergencyGrants;
    private final PasswordEncoder passwordEncoder;
    private final AuditLog audit;
    private final Clock clock;
    private final JdbcTemplate jdbc;
    private final ApplicationEventPublisher events;
    /** A cache of "some account exists" (it never becomes false again); the database decides the first admin. */
    private final AtomicBoolean hasUsers = new AtomicBoolean();
    private static final String ALREADY_HAS_ADMIN = "Parley already has an administrator. Log in instead.";

    StaffDirectory(StaffUserRepository users, EmergencyGrantRepository emergencyGrants, PasswordEncoder passwordEncoder,
                   AuditLog audit, Clock clock, JdbcTemplate jdbc,
                   ApplicationEventPublisher events) {
        this.events = events;
        this.jdbc = jdbc;
        this.users = users;
        this.emergencyGrants = emergencyGrants;
        this.passwordEncoder = passwordEncoder;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Whether any account that can sign in exists; until one does, Parley asks for the first admin. (Deactivated
     * accounts, such as the demo data's authors, do not count; the last active admin can never be deactivated.)
     */
    public boolean hasAnyUser() {
        if (hasUsers.get()) {
            return true;
        }
        boolean any = users.countByEnabledTrue() > 0;
        if (any) {
            hasUsers.set(true);
        }
        return any;
    }

    /**
     * Creates the first admin account. Refused once any active account exists, so nobody can use the first-run page
     * to take over an installed Parley.
     *
     * @throws IllegalStateException when an account already exists
     * @throws IllegalArgumentException naming what is wrong with the input
     */
    @Transactional
    public StaffMember createFirstAdmin(String username, String displayName, String password) {
        if (users.countByEnabledTrue() > 0) {
            throw new IllegalStateException(ALREADY_HAS_ADMIN);
        }
        String name = validUsername(username);
        String shown = displayName == null ? "" : displayName.trim();
        if (shown.isEmpty()) {
            throw new IllegalArgumentException("Enter the name colleagues know you by.");
        }
        TypedText.requireLine(shown, "name");
        checkPassword(password, name);
        try {
            // The table holds one row: of two first-run pages sent at once (on any nodes), the second waits for the
            // first's transaction here and then fails on the primary key.
            jdbc.update("insert into first_admin (id, created_at) values (1, ?)",
                    Timestamp.from(clock.instant()));
        } catch (DuplicateKeyException createdMeanwhile) {
            throw new IllegalStateException(ALREADY_HAS_ADMIN);
        }
        StaffUser user = users.save(new StaffUser(name, shown, passwordEncoder.encode(password), Role.ADMIN,
                clock.instant()));
        hasUsers.set(true);
        audit.record(name, AuditAction.FIRST_ADMIN_CREATED, "staff_user", String.valueOf(user.getId()), null);
        return user.toStaffMember();
    }

    /** A staff member by id, an emergency admin as one. */
    @Transactional(readOnly = true)
    public Optional<StaffMember> find(long id) {
        return users.findById(id).map(this::member);
    }

    /** An active (not deactivated) staff member by id, an emergency admin as one. */
    @Transactional(readOnly = true)
    public Optional<StaffMember> findActive(long id) {
        return users.findById(id).filter(StaffUser::isEnabled).map(this::member);
    }

    /**
     * Whether a staff member may do what admins do now: an active admin, or active staff while an emergency grant
     * runs. Services decide on this rather than on a screen's copy of the member, which may be older than a demotion.
     */
    @Transactional(readOnly = true)
    public boolean isAdminNow(long id) {
        return findActive(id).map(StaffMember::isAdmin).orElse(false);
    }

    /** A member as they are now: admins, and staff while an emergency grant runs, are admins. */
    private StaffMember member(StaffUser user) {
        return user.toStaffMember(user.getRole() != Role.ADMIN && user.isEnabled()
                && emergencyGrants.findActive(user.getId(), clock.instant()).isPresent());
    }

    /**
     * Active staff whose name or user name contains {@code typed}, by name: to work in a colleague's inbox, to mention
     * or assign someone. Everyone may search the team.
     */
    @Transactional(readOnly = true)
    public List<StaffMember> searchActive(String typed, int offset, int limit) {
        if (limit <= 0) {
            return List.of();
        }
        String text = "%" + (typed == null ? "" : typed.strip().toLowerCase(Locale.ROOT).replaceAll("[%_\\\\]", ""))
                + "%";
        return users.activeMatching(text, PageRequest.of(offset / limit, limit))
                .stream().map(StaffUser::toStaffMember).toList();
    }

    /** The active staff members with these user names (e.g. the {@code @names} in a note). */
    @Transactional(readOnly = true)
    public List<StaffMember> activeByUsernames(Collection<String> usernames) {
        if (usernames.isEmpty()) {
            return List.of();
        }
        return users.findByUsernameInAndEnabledTrue(usernames.stream().map(u -> u.toLowerCase(Locale.ROOT)).toList())
                .stream().map(StaffUser::toStaffMember).toList();
    }

    /** A staff member by user name, ignoring case; an emergency admin as one. */
    @Transactional(readOnly = true)
    public Optional<StaffMember> findByUsername(String username) {
        return users.findByUsernameIgnoreCase(username).map(this::member);
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
    @PreAuthorize("hasRole('ADMIN')")
    public List<StaffAccount> accounts(int offset, int limit) {
        if (limit <= 0) {
            return List.of();
        }
        Instant now = clock.instant();
        List<StaffUser> page = users.findByOrderByUsernameAsc(
                PageRequest.of(offset / limit, limit));
        Map<Long, EmergencyAccess.Grant> emergency = new HashMap<>();
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
    @PreAuthorize("hasRole('ADMIN')")
    public StaffAccount createAccount(StaffMember actor, String username, String displayName, String password,
                                      Role role) {
        return createAccount(actor, username, displayName, password, role, null);
    }

    /**
     * Creates a named account with the address its notification e-mails go to (admins only).
     *
     * @throws IllegalArgumentException naming what is wrong, e.g. a user name that exists or a malformed address
     */
    @Transactional
    @PreAuthorize("hasRole('ADMIN')")
    public StaffAccount createAccount(StaffMember actor, String username, String displayName, String password,
                                      Role role, String email) {
        String name = validUsername(username);
        if (users.findByUsernameIgnoreCase(name).isPresent()) {
            throw new IllegalArgumentException("There is already an account '" + name + "'.");
        }
        String shown = displayName == null ? "" : displayName.trim();
        if (shown.isEmpty()) {
            throw new IllegalArgumentException("Enter the name colleagues know them by.");
        }
        TypedText.requireLine(shown, "name");
        checkPassword(password, name);
        String address = validEmail(email);
        StaffUser user = new StaffUser(name, shown, passwordEncoder.encode(password),
                role == null ? Role.STAFF : role, clock.instant());
        user.setEmail(address);
        user = users.save(user);
        audit.record(actor.username(), AuditAction.USER_CREATED, "staff_user", String.valueOf(user.getId()),
                "role " + user.getRole());
        return user.toAccount(clock.instant(), null);
    }

    /** Sets a new password for an account and unlocks it (admins only). */
    @Transactional
    @PreAuthorize("hasRole('ADMIN')")
    public void resetPassword(StaffMember actor, long userId, String password) {
        StaffUser user = account(userId);
        checkPassword(password, user.getUsername());
        user.changePassword(passwordEncoder.encode(password));
        user.unlock();
        audit.record(actor.username(), AuditAction.PASSWORD_RESET, "staff_user", String.valueOf(userId), null);
    }

    /** Deactivates or reactivates an account; the last active admin stays (admins only). */
    @Transactional
    @PreAuthorize("hasRole('ADMIN')")
    public void setActive(StaffMember actor, long userId, boolean active) {
        StaffUser user = account(userId);
        if (!active && user.getRole() == Role.ADMIN && user.isEnabled()
                && users.countByRoleAndEnabledTrue(Role.ADMIN) <= 1) {
            throw new IllegalArgumentException("This is the last active administrator: make someone else admin first.");
        }
        user.setEnabled(active);
        audit.record(actor.username(), active ? AuditAction.USER_REACTIVATED : AuditAction.USER_DEACTIVATED,
                "staff_user", String.valueOf(userId),
                null);
        // Every node ends this person's sessions and open tabs now (the session epoch moved for the next request).
        events.publishEvent(new StaffAccessChanged(userId));
    }

    /** Changes an account's role; the last active admin stays admin (admins only). */
    @Transactional
    @PreAuthorize("hasRole('ADMIN')")
    public void setRole(StaffMember actor, long userId, Role role) {
        StaffUser user = account(userId);
        if (role != Role.ADMIN && user.getRole() == Role.ADMIN && user.isEnabled()
                && users.countByRoleAndEnabledTrue(Role.ADMIN) <= 1) {
            throw new IllegalArgumentException("This is the last active administrator: make someone else admin first.");
        }
        user.setRole(role);
        audit.record(actor.username(), AuditAction.ROLE_CHANGED, "staff_user", String.valueOf(userId), "role " + role);
        // Every node gives this person's sessions their new roles and closes admin pages they may no longer see.
        events.publishEvent(new StaffAccessChanged(userId));
    }

    /** Unlocks an account locked after failed logins (admins only). */
    @Transactional
    @PreAuthorize("hasRole('ADMIN')")
    public void unlock(StaffMember actor, long userId) {
        account(userId).unlock();
        audit.record(actor.username(), AuditAction.ACCOUNT_UNLOCKED, "staff_user", String.valueOf(userId), null);
    }

    /**
     * Sets or clears (blank) the address notification e-mails go to: admins for any account, staff for their own.
     *
     * @throws IllegalArgumentException when it is not an e-mail address
     * @throws org.springframework.security.access.AccessDeniedException when staff change a colleague's address
     */
    @Transactional
    @PreAuthorize("hasRole('ADMIN') or #actor.username() == authentication.name")
    public void setEmail(StaffMember actor, long userId, String email) {
        StaffUser user = account(userId);
        boolean admin = users.findByUsernameIgnoreCase(actor.username()).map(this::member).map(StaffMember::isAdmin)
                .orElse(false);
        if (!admin && !user.getUsername().equalsIgnoreCase(actor.username())) {
            throw new AccessDeniedException(
                    "Only admins change a colleague's e-mail address.");
        }
        user.setEmail(validEmail(email));
        // Not the address itself: the audit log keeps ids only.
        audit.record(actor.username(), AuditAction.EMAIL_CHANGED, "staff_user", String.valueOf(userId), null);
    }

    /** The address an active staff member's notification e-mails go to, if they have one. */
    @Transactional(readOnly = true)
    public Optional<String> emailOf(long userId) {
        return users.findById(userId).filter(StaffUser::isEnabled).map(StaffUser::getEmail);
    }

    /**
     * An e-mail address as stored: trimmed, {@code null} when blank.
     *
     * @throws IllegalArgumentException when it is not an e-mail address
     */
    static String validEmail(String email) {
        String address = email == null ? "" : email.strip();
        if (address.isEmpty()) {
            return null;
        }
        if (address.length() > 254 || !EMAIL.matcher(address).matches()) {
            throw new IllegalArgumentException("Enter an e-mail address such as name@example.org.");
        }
        return address;
    }

    private StaffUser account(long userId) {
        return users.findById(userId).orElseThrow(() -> new IllegalArgumentException("There is no such account."));
    }
}
