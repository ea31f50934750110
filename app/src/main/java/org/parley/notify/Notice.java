package org.parley.notify;

/**
 * One staff member to tell about one conversation, and how. Ids and words of Parley's own only: no PHI.
 *
 * @param staffId        who
 * @param conversationId where (a link opens it)
 * @param kind           a new patient message or a mention
 * @param listId         the list a message waited in, or {@code null} for "My inbox" and mentions
 * @param title          the e-mail's subject and the pop-up's title, e.g. "New message in Front Desk"
 * @param because        why they get it, in the words of the Notifications page, e.g. "Front Desk", "My inbox"
 * @param channels       what to send
 */
record Notice(long staffId, long conversationId, Kind kind, Long listId, String title, String because,
              Channels channels) {

    static final String MY_INBOX = "My inbox";
    static final String MENTIONS = "Mentions";

    enum Kind {
        MESSAGE,
        MENTION,
        /** A patient waited past their list's response goal. */
        ESCALATION
    }

    /** A patient's message in a conversation assigned to the staff member. */
    static Notice myInbox(long staffId, long conversationId, Channels channels) {
        return new Notice(staffId, conversationId, Kind.MESSAGE, null, DesktopNotification.title(null), MY_INBOX,
                channels);
    }

    /** A patient's message in a list the staff member subscribes to. */
    static Notice inList(long staffId, long conversationId, long listId, String listName, Channels channels) {
        return new Notice(staffId, conversationId, Kind.MESSAGE, listId, DesktopNotification.title(listName), listName,
                channels);
    }

    /** A patient waiting past a list's response goal, for the list's subscribers or the person the admin chose. */
    static Notice escalated(long staffId, long conversationId, long listId, String listName, Channels channels) {
        return new Notice(staffId, conversationId, Kind.ESCALATION, listId, DesktopNotification.escalatedTitle(listName),
                listName, channels);
    }

    /** A mention in a note: e-mail only (the bell in the app is the inbox's). */
    static Notice mention(long staffId, long conversationId) {
        return new Notice(staffId, conversationId, Kind.MENTION, null, "You were mentioned in a conversation",
                MENTIONS, new Channels(true, false));
    }
}
