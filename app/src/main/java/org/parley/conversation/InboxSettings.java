package org.parley.conversation;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What staff may do to a conversation's messages ({@code parley.inbox.*}). Checked at start.
 *
 * @param deleteWindow how long after writing staff may delete their own reply or note
 */
@ConfigurationProperties("parley.inbox")
record InboxSettings(@DefaultValue("2m") Duration deleteWindow) {

    InboxSettings {
        if (deleteWindow == null || deleteWindow.isNegative()) {
            throw new IllegalStateException("parley.inbox.delete-window must be zero or more, e.g. 2m");
        }
    }
}
