/**
 * The practice's security settings and how staff sessions are kept. Public: {@link
 * org.parley.security.settings.SecuritySettings} (choices admins make, such as a second factor for everyone: stored
 * in the database, every change audited) and {@link org.parley.security.settings.SessionSettings} ({@code
 * parley.security.*}: idle logoff, lockout, the emergency-access sweep's period; checked at start). The stored rows
 * ({@code SecuritySetting}) and their repository are this package's own.
 */
package org.parley.security.settings;
