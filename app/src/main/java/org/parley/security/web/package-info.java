/**
 * Security at the browser and the web request. Public: {@link org.parley.security.web.CurrentStaff} (the staff member
 * using this browser session) and {@link org.parley.security.web.StaffAccess} (the bean {@code staffAccess} whose
 * {@code permitsPhi()} guards every service that shows patients' data; {@code ADMINS_ONLY_PAGE}). Spring finds the
 * rest itself: the two filter chains ({@code SecurityConfiguration}: machine endpoints without a session, the Vaadin
 * app behind the login view), the response headers ({@code SecurityHeaders}), the check of a signed-in session
 * against its account as it is now on every request ({@code SessionAuthorities}), and the end of the login when
 * Vaadin closes an idle session ({@code IdleLogoff}). They use the sign-in's public services ({@link
 * org.parley.security.SignInSession}, {@link org.parley.security.SessionAccess}).
 */
package org.parley.security.web;
