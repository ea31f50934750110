package org.parley.hours;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Office hours settings ({@code parley.hours.*}). Checked at start.
 *
 * @param afterHoursReplyPeriod a patient's conversation gets the after-hours reply at most once in this period,
 *                              however many texts they send
 */
@ConfigurationProperties("parley.hours")
public record HoursSettings(@DefaultValue("15m") Duration afterHoursReplyPeriod) {

    public HoursSettings {
        if (afterHoursReplyPeriod == null || afterHoursReplyPeriod.isNegative() || afterHoursReplyPeriod.isZero()) {
            throw new IllegalStateException("parley.hours.after-hours-reply-period must be longer than zero, e.g. 15m");
        }
    }
}
