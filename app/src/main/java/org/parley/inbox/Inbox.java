package org.parley.inbox;

/**
 * One of the views of the shared inbox a staff member works in. Every view but {@link Closed} shows open
 * conversations; none but {@link Blocked} shows what waits in the BLOCKED list.
 */
public sealed interface Inbox {

    /** Conversations assigned to the viewer. */
    record Mine() implements Inbox {
    }

    /** A list's queue: open conversations waiting in it. */
    record OfList(long listId) implements Inbox {
    }

    /** Every open conversation. */
    record AllOpen() implements Inbox {
    }

    /** Every closed conversation. */
    record Closed() implements Inbox {
    }

    /** A colleague's inbox, to work in while they are out. */
    record OfColleague(long staffId) implements Inbox {
    }

    /** The BLOCKED list: spam and solicitation (admins). */
    record Blocked() implements Inbox {
    }
}
