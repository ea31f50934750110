package org.parley.notify;

import java.time.Instant;
import org.springframework.stereotype.Component;

/** Lets tests in other packages reach the notification e-mails' quiet period, e.g. on each database. */
@Component
public class NotifyFixtures {

    private final EmailQuietPeriod quietPeriod;

    NotifyFixtures(EmailQuietPeriod quietPeriod) {
        this.quietPeriod = quietPeriod;
    }

    /** Whether a message e-mail to this staff member about this conversation may go out at {@code at} (recorded). */
    public boolean messageEmailAllowed(long staffId, long conversationId, Instant at) {
        return quietPeriod.claim(new Notice(staffId, conversationId, Notice.Kind.MESSAGE, "New message in your inbox",
                NotificationRouting.MY_INBOX, new Channels(true, false)), at);
    }
}
