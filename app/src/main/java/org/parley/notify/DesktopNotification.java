package org.parley.notify;

import org.parley.base.LiveUpdate;

/**
 * A desktop pop-up for one staff member's open tabs. Ids only, so it travels between nodes as a notification that
 * names nothing: the tab that shows it words the title ({@link #title}) from the list's name as it is then.
 *
 * @param staffId        whose tabs show it
 * @param conversationId what a click on it opens
 * @param listId         the list the message waits in, or {@code null} when it is in the staff member's own inbox
 */
public record DesktopNotification(long staffId, long conversationId, Long listId) implements LiveUpdate {

    /** The pop-up's (and the e-mail's) title: "New message in Front Desk", or "…in your inbox" for no list. */
    public static String title(String listName) {
        return listName == null ? "New message in your inbox" : "New message in " + listName;
    }
}
