/**
 * Staff accounts, login, the first-run admin, roles and automatic logoff. Public: {@link
 * org.parley.security.StaffDirectory} and {@link org.parley.security.CurrentStaff}.
 */
package org.parley.security;
