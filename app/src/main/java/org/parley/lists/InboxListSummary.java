package org.parley.lists;

import java.util.Set;

/**
 * A list as other features see it.
 *
 * @param id        the list's id
 * @param name      e.g. "Front Desk"
 * @param blocked   whether this is the BLOCKED list for spam and solicitation
 * @param memberIds the staff members subscribed to it
 */
public record InboxListSummary(long id, String name, boolean blocked, Set<Long> memberIds) {

    /** Whether the staff member subscribes to this list. */
    public boolean hasMember(long staffId) {
        return memberIds.contains(staffId);
    }
}
