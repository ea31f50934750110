package org.parley.notify;

/**
 * One staff member to tell about one conversation, and how. Ids and words of Parley's own only: no PHI.
 *
 * @param staffId        who
 * @param conversationId where (a link opens it)
 * @param kind           a new patient message or a mention
 * @param title          the e-mail's subject and the pop-up's title, e.g. "New message in Front Desk"
 * @param because        why they get it, in the words of the Notifications page, e.g. "Front Desk", "My inbox"
 * @param channels       what to send
 */
record Notice(long staffId, long conversationId, Kind kind, String title, String because, Channels channels) {

    enum Kind {
        MESSAGE,
        MENTION
    }
}
