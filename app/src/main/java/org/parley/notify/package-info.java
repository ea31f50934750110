/**
 * Notifications: how staff hear of new patient messages and of mentions outside the open conversation. Each staff
 * member chooses, per list they subscribe to and for "My inbox" (conversations assigned to them), e-mail and/or a
 * desktop pop-up; for mentions, e-mail (the bell in the app is the inbox's). The feature listens to the inbox's events;
 * the inbox knows nothing of it.
 *
 * <p>Notifications are durable and never delivered in the inbox's thread: each event becomes a row of
 * {@code notification_task} in the inbox's own transaction (ids only), and this feature's worker thread delivers it
 * after the commit, under a lease so that several nodes on one database never deliver it twice and a node that died
 * leaves nothing behind ({@code InboxNotifications}, on {@link org.parley.base.LeasedQueue}). E-mails wait in
 * {@code notification_email} for a thread of their own ({@code EmailNotifications}).
 *
 * <p>Nothing sent carries PHI: an e-mail or pop-up names the list ("New message in Front Desk") and links to the
 * conversation by id, never a name, number, text or date of birth. Nobody hears of messages from a blocked number.
 * E-mails go out one at a time, at most one per staff member and conversation per quiet period
 * ({@code parley.notify.email-quiet-period}); a mail server that is down delays only e-mails, which are tried again
 * with back-off, and is logged with ids only.
 * Without {@code spring.mail.host} nothing is e-mailed and the e-mail choices are shown disabled.
 *
 * <p>Public face: {@link org.parley.notify.NotificationPreferences} (what a staff member chose, read and changed by
 * the Notifications page), the records {@link org.parley.notify.NotificationSettings} and
 * {@link org.parley.notify.Channels}, and the live update {@link org.parley.notify.DesktopNotification} that a staff
 * member's open tabs turn into a pop-up.
 */
package org.parley.notify;
