/**
 * Staff accounts, login with a password and (for admins, or everyone when the practice says so) a second factor,
 * the first-run admin, roles, emergency access, the practice's security settings and automatic logoff. Public:
 * {@link org.parley.security.StaffDirectory}, {@link org.parley.security.CurrentStaff},
 * {@link org.parley.security.TwoFactor}, {@link org.parley.security.SignInSession},
 * {@link org.parley.security.EmergencyAccess} and {@link org.parley.security.SecuritySettings}.
 *
 * <p>Larger than the 25 types a package should hold (37), on purpose: sign-in, two-factor, recovery codes, lockout and
 * emergency access all read and change the one account entity ({@code StaffUser}) through its repository, which are
 * package-private. Splitting sign-in and emergency access into subpackages (tried: 28 compile errors, every one an
 * access to the account entity, its repository or the session's authorities) would make the entity public to every
 * feature; keeping the account's storage private to one package is worth more than the smaller package.
 */
package org.parley.security;
