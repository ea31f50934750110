/**
 * Staff accounts and signing in: the account entity and its storage, login with a password and (for admins, or
 * everyone when the practice says so) a second factor with recovery codes, lockout, the first-run admin, roles,
 * permissions, emergency access, sessions that follow their account, and the login/logout audit. Public: {@link
 * org.parley.security.StaffDirectory}, {@link org.parley.security.StaffMember}, {@link
 * org.parley.security.StaffAccount}, {@link org.parley.security.Role}, {@link org.parley.security.Permissions} with
 * {@link org.parley.security.Permission}, {@link org.parley.security.TwoFactor}, {@link
 * org.parley.security.SignInSession}, {@link org.parley.security.SessionAccess}, {@link
 * org.parley.security.EmergencyAccess} and the event {@link org.parley.security.StaffAccessChanged}.
 *
 * <p>Parts that need no access to the account's storage live in subpackages: {@code security.web} (who is signed in
 * in this browser, the check on services that show patients' data, the filter chains, headers, the per-request
 * session check, idle logoff), {@code security.settings} (the practice's security settings, session settings) and
 * {@code security.credential} (TOTP, QR codes, recovery codes' format, common passwords). What stays here reads or
 * changes the account entity ({@code StaffUser}) through its repository, both package-private, so that no other
 * package can change an account but through this package's services. Permissions and emergency access stay for that
 * reason too, and because the sign-in reads them for a session's roles: apart, the two packages would use each other
 * in a circle, which {@code ArchitectureTest} forbids.
 */
package org.parley.security;
