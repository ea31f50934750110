package org.parley.security;

/**
 * A staff member as other features see one.
 *
 * @param emergencyAdmin whether a running emergency grant makes this member an admin for now (read when the member
 *                       was looked up; services that decide on it read it again, see {@link
 *                       org.parley.security.web.StaffAccess})
 */
public record StaffMember(long id, String username, String displayName, Role role, boolean emergencyAdmin) {

    /** A member without emergency access. */
    public StaffMember(long id, String username, String displayName, Role role) {
        this(id, username, displayName, role, false);
    }

    /** Whether this member may do what admins do: an admin, or a staff member with emergency access running. */
    public boolean isAdmin() {
        return role == Role.ADMIN || emergencyAdmin;
    }
}
