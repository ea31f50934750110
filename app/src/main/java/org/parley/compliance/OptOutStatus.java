package org.parley.compliance;

import java.time.Instant;

/**
 * Whether a number has opted out of texts from a line.
 *
 * @param optedOut whether texts must not be sent
 * @param since    when it last changed, or {@code null} when it never did
 * @param source   why, e.g. "replied STOP" or "provider reported an opt-out"
 */
public record OptOutStatus(boolean optedOut, Instant since, String source) {

    static final OptOutStatus NEVER = new OptOutStatus(false, null, null);
}
