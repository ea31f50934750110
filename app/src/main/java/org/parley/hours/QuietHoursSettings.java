package org.parley.hours;

import java.time.LocalTime;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Quiet hours ({@code parley.quiet-hours.*}): automated and bulk messages (broadcasts) reach a patient only from
 * {@code start} to {@code end} in the patient's local time. Checked at start. A practice in a stricter state sets a
 * narrower window (e.g. 09:00 to 20:00).
 *
 * @param start the earliest local time a bulk message goes
 * @param end   the local time from which bulk messages wait for the next day's start
 */
@ConfigurationProperties("parley.quiet-hours")
public record QuietHoursSettings(@DefaultValue("08:00") LocalTime start, @DefaultValue("21:00") LocalTime end) {

    public QuietHoursSettings {
        if (start == null || end == null || !start.isBefore(end)) {
            throw new IllegalStateException("parley.quiet-hours.start must be before parley.quiet-hours.end on the "
                    + "same day, e.g. 08:00 and 21:00");
        }
    }
}
