package org.parley.notify;

import org.parley.base.LiveUpdate;

/**
 * A desktop pop-up for one staff member's open tabs. Ids only, so it travels between nodes as a notification that
 * names nothing: the tab that shows it words the title ({@link #title}) from the list's name as it is then.
 *
 * @param staffId        whose tabs show it
 * @param conversationId what a click on it opens
 * @param listId         the list the message waits in, or {@code null} when it is in the staff member's own inbox
 * @param escalated      whether it is about a patient waiting past the list's response goal, not a new message
 */
public record DesktopNotification(long staffId, long conversationId, Long listId, boolean escalated)
        implements LiveUpdate {

    /** A pop-up about a patient's new message. */
    public DesktopNotification(long staffId, long conversationId, Long listId) {
        this(staffId, conversationId, listId, false);
    }

    /** The title of a pop-up (and e-mail) about a patient waiting past the list's response goal. */
    public static String escalatedTitle(String listName) {
        return "A patient waits past the response goal in " + listName;
    }

    /** The pop-up's (and the e-mail's) title: "New message in Front Desk", or "…in your inbox" for no list. */
    public static String title(String listName) {
        return listName == null ? "New message in your inbox" : "New message in " + listName;
    }
}
