package org.parley.lists;

import java.time.Duration;

/**
 * How soon a list's patients should have a staff answer, counted in office hours only, and what happens past it.
 *
 * @param listId           the list
 * @param goal             the response goal, or {@code null} for none (nothing is escalated)
 * @param notifyStaffId    who hears of a conversation past the goal, or {@code null} for the list's subscribers
 * @param escalationListId the list such a conversation moves to, or {@code null} for staying where it is
 */
public record ResponseGoal(long listId, Duration goal, Long notifyStaffId, Long escalationListId) {

    /** A list without a goal. */
    public static ResponseGoal none(long listId) {
        return new ResponseGoal(listId, null, null, null);
    }
}
