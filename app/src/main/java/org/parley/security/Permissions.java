package org.parley.security;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.parley.audit.AuditAction;
import org.parley.audit.AuditLog;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What admins let staff do besides their role ({@link Permission}): granted to one account or to everyone with a role,
 * revoked the same way, audited (ids only). Services decide with {@link #has} (read from the database now, so a
 * revocation holds at once on every node); a session gets the permission's role authority the next time its roles are
 * read, which a grant or revocation makes happen at once ({@link StaffAccessChanged}, the account's access version).
 */
@Service
public class Permissions {

    private final StaffDirectory directory;
    private final StaffUserRepository users;
    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    Permissions(StaffDirectory directory, StaffUserRepository users, JdbcClient jdbc, AuditLog audit,
                ApplicationEventPublisher events, Clock clock) {
        this.directory = directory;
        this.users = users;
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
        this.events = events;
    }

    /** Whether the staff member may do it now: active and an admin (emergency access too), or granted it. */
    @Transactional(readOnly = true)
    public boolean has(long staffUserId, Permission permission) {
        return directory.findActive(staffUserId).map(member -> member.isAdmin() || granted(staffUserId,
                member.role(), permission)).orElse(false);
    }

    /** The permissions granted to the account itself or to its role (not those an admin has by being one). */
    @Transactional(readOnly = true)
    public Set<Permission> grantedTo(long staffUserId, Role role) {
        Set<Permission> granted = EnumSet.noneOf(Permission.class);
        jdbc.sql("select permission from staff_permission where staff_user_id = ? or role_name = ?")
                .params(staffUserId, role.name()).query(String.class).list()
                .forEach(name -> granted.add(Permission.valueOf(name)));
        return granted;
    }

    /** The accounts granted the permission one by one (not through their role). */
    @Transactional(readOnly = true)
    public Set<Long> accountsGranted(Permission permission) {
        return Set.copyOf(jdbc.sql("select staff_user_id from staff_permission where permission = ? "
                + "and staff_user_id is not null").param(permission.name()).query(Long.class).list());
    }

    /** The roles whose every member has the permission. */
    @Transactional(readOnly = true)
    public Set<Role> rolesGranted(Permission permission) {
        return jdbc.sql("select role_name from staff_permission where permission = ? and role_name is not null")
                .param(permission.name()).query(String.class).list().stream().map(Role::valueOf)
                .collect(Collectors.toUnmodifiableSet());
    }

    /**
     * Grants the permission to one active account (admins only); granted already changes nothing.
     *
     * @throws IllegalArgumentException when there is no such account, it is deactivated or an admin
     */
    @Transactional
    @PreAuthorize("hasRole('ADMIN')")
    public void grant(StaffMember actor, long staffUserId, Permission permission) {
        StaffUser user = users.findById(staffUserId)
                .orElseThrow(() -> new IllegalArgumentException("There is no such account."));
        if (!user.isEnabled()) {
            throw new IllegalArgumentException(user.getUsername() + " is deactivated.");
        }
        if (user.getRole() == Role.ADMIN) {
            throw new IllegalArgumentException(user.getUsername() + " is an administrator and may "
                    + permission.label() + " already.");
        }
        if (granted(staffUserId, null, permission)) {
            return;
        }
        jdbc.sql("insert into staff_permission (permission, staff_user_id, granted_by, granted_at) "
                + "values (?, ?, ?, ?)").params(permission.name(), staffUserId, actor.username(), now()).update();
        audit.record(actor.username(), AuditAction.PERMISSION_GRANTED, "staff_user", String.valueOf(staffUserId),
                permission.name());
        changed(List.of(user));
    }

    /** Takes the permission from one account (admins only); one its role still grants stays. */
    @Transactional
    @PreAuthorize("hasRole('ADMIN')")
    public void revoke(StaffMember actor, long staffUserId, Permission permission) {
        if (jdbc.sql("delete from staff_permission where permission = ? and staff_user_id = ?")
                .params(permission.name(), staffUserId).update() > 0) {
            audit.record(actor.username(), AuditAction.PERMISSION_REVOKED, "staff_user", String.valueOf(staffUserId),
                    permission.name());
            users.findById(staffUserId).ifPresent(user -> changed(List.of(user)));
        }
    }

    /** Grants the permission to everyone with the role, now and later (admins only). */
    @Transactional
    @PreAuthorize("hasRole('ADMIN')")
    public void grantToRole(StaffMember actor, Role role, Permission permission) {
        if (role == Role.ADMIN) {
            throw new IllegalArgumentException("Administrators may " + permission.label() + " already.");
        }
        if (rolesGranted(permission).contains(role)) {
            return;
        }
        jdbc.sql("insert into staff_permission (permission, role_name, granted_by, granted_at) values (?, ?, ?, ?)")
                .params(permission.name(), role.name(), actor.username(), now()).update();
        audit.record(actor.username(), AuditAction.PERMISSION_GRANTED, "role", role.name(), permission.name());
        changed(users.findByRole(role));
    }

    /** Takes the permission from the role (admins only); accounts granted it one by one keep it. */
    @Transactional
    @PreAuthorize("hasRole('ADMIN')")
    public void revokeFromRole(StaffMember actor, Role role, Permission permission) {
        if (jdbc.sql("delete from staff_permission where permission = ? and role_name = ?")
                .params(permission.name(), role.name()).update() > 0) {
            audit.record(actor.username(), AuditAction.PERMISSION_REVOKED, "role", role.name(), permission.name());
            changed(users.findByRole(role));
        }
    }

    private boolean granted(long staffUserId, Role role, Permission permission) {
        return jdbc.sql("select count(*) from staff_permission where permission = ? and (staff_user_id = ? "
                        + "or role_name = ?)").params(permission.name(), staffUserId, role == null ? "" : role.name())
                .query(Long.class).single() > 0;
    }

    /** Sessions of these accounts read their roles again at their next request; open tabs follow at once. */
    private void changed(List<StaffUser> accounts) {
        for (StaffUser user : accounts) {
            user.accessChanged();
            events.publishEvent(new StaffAccessChanged(user.getId()));
        }
    }

    private Timestamp now() {
        return Timestamp.from(clock.instant());
    }
}
