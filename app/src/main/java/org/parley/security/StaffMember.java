package org.parley.security;

/** A staff member as other features see one. */
public record StaffMember(long id, String username, String displayName, Role role) {

    /** Whether this member is an admin. */
    public boolean isAdmin() {
        return role == Role.ADMIN;
    }
}
