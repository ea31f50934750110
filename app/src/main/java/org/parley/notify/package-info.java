/**
 * Notifications: how staff hear of new patient messages and of mentions outside the open conversation. Each staff
 * member chooses, per list they subscribe to and for "My inbox" (conversations assigned to them), e-mail and/or a
 * desktop pop-up; for mentions, e-mail (the bell in the app is the inbox's). The feature listens to the inbox's events
 * after they commit; the inbox knows nothing of it.
 *
 * <p>Nothing sent carries PHI: an e-mail or pop-up names the list ("New message in Front Desk") and links to the
 * conversation by id, never a name, number, text or date of birth. Nobody hears of messages from a blocked number.
 * E-mails go out one at a time on their own thread, at most one per staff member and conversation per quiet period
 * ({@code parley.notify.email-quiet-period}); a mail server that is down is logged and changes nothing in the inbox.
 * Without {@code spring.mail.host} nothing is e-mailed and the e-mail choices are shown disabled.
 *
 * <p>Public face: {@link org.parley.notify.NotificationPreferences} (what a staff member chose, read and changed by
 * the Notifications page), the records {@link org.parley.notify.NotificationSettings} and
 * {@link org.parley.notify.Channels}, and the live update {@link org.parley.notify.DesktopNotification} that a staff
 * member's open tabs turn into a pop-up.
 */
package org.parley.notify;
