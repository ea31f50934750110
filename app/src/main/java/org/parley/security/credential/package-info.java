/**
 * The arithmetic of secrets, without accounts or storage: TOTP codes (RFC 6238, {@link
 * org.parley.security.credential.Totp}), the enrolment link as a QR code ({@link
 * org.parley.security.credential.QrCodes}), recovery codes' format and hash ({@link
 * org.parley.security.credential.RecoveryCodes}) and the passwords too common to allow ({@link
 * org.parley.security.credential.CommonPasswords}). Every type is public, each a few static functions; the account
 * they belong to, its lockout and its stored codes stay in {@code org.parley.security}.
 */
package org.parley.security.credential;
