package org.parley.security;

/**
 * A staff account as the users page shows it.
 *
 * @param id          the account's id
 * @param username    the user name
 * @param displayName the name colleagues see
 * @param role        ADMIN or STAFF
 * @param active      whether it can log in (accounts are deactivated, never deleted)
 * @param locked      whether it is locked after failed logins
 * @param twoFactor   whether it has two-factor sign-in set up
 * @param emergency   its running emergency access, or {@code null}
 * @param email       where notification e-mails go, or {@code null}
 */
public record StaffAccount(long id, String username, String displayName, Role role, boolean active, boolean locked,
                           boolean twoFactor, EmergencyAccess.Grant emergency, String email) {
}
