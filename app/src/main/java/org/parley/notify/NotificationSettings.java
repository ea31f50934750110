package org.parley.notify;

import java.util.List;

/**
 * What a staff member chose, as the Notifications page shows it.
 *
 * @param emailAddress where their e-mails go, or {@code null} when they have none
 * @param emailSetUp   whether IT set up e-mail ({@code spring.mail.host}); without it nothing is e-mailed
 * @param myInbox      for new patient messages in conversations assigned to them
 * @param mentionEmail whether a mention in a note is also e-mailed (the bell always counts it)
 * @param lists        for each list they subscribe to, by name
 */
public record NotificationSettings(String emailAddress, boolean emailSetUp, Channels myInbox, boolean mentionEmail,
                                   List<ListChoice> lists) {

    /**
     * The choice for one list.
     *
     * @param listId   the list
     * @param listName e.g. "Front Desk"
     * @param channels what the staff member chose for it
     */
    public record ListChoice(long listId, String listName, Channels channels) {
    }

    /** Whether an e-mail could reach this staff member now. */
    public boolean canEmail() {
        return emailSetUp && emailAddress != null;
    }
}
