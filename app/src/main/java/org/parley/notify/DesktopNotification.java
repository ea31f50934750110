package org.parley.notify;

import org.parley.base.LiveUpdate;

/**
 * A desktop pop-up for one staff member's open tabs. Carries no PHI: the title names the list or "your inbox", the
 * conversation is an id.
 *
 * @param staffId        whose tabs show it
 * @param conversationId what a click on it opens
 * @param title          e.g. "New message in Front Desk"
 */
public record DesktopNotification(long staffId, long conversationId, String title) implements LiveUpdate {
}
