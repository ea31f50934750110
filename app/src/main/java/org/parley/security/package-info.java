/**
 * Staff accounts, login with a password and (for admins, or everyone when the practice says so) a second factor,
 * the first-run admin, roles, emergency access, the practice's security settings and automatic logoff. Public:
 * {@link org.parley.security.StaffDirectory}, {@link org.parley.security.CurrentStaff},
 * {@link org.parley.security.TwoFactor}, {@link org.parley.security.SignInSession},
 * {@link org.parley.security.EmergencyAccess} and {@link org.parley.security.SecuritySettings}.
 */
package org.parley.security;
