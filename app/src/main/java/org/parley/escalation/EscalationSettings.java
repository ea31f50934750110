package org.parley.escalation;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Unanswered escalation settings ({@code parley.escalation.*}). Checked at start.
 *
 * @param checkInterval how often the cluster looks for patients waiting past their list's goal (once per interval in
 *                      the whole cluster): a conversation is escalated at most this late
 */
@ConfigurationProperties("parley.escalation")
public record EscalationSettings(@DefaultValue("1m") Duration checkInterval) {

    public EscalationSettings {
        if (checkInterval == null || checkInterval.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalStateException("parley.escalation.check-interval must be at least 1s, e.g. 1m");
        }
    }
}
