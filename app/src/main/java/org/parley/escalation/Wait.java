package org.parley.escalation;

import java.time.Duration;
import java.time.Instant;

/**
 * How long a patient has waited for a staff answer.
 *
 * @param since     the patient's first unanswered message
 * @param waited    the office hours since then (time while the line is closed does not count)
 * @param goal      the response goal of the conversation's list, or {@code null} for none
 * @param escalated whether it went past the goal and was escalated
 */
public record Wait(Instant since, Duration waited, Duration goal, boolean escalated) {

    /** Past the goal (escalated or about to be). */
    public boolean overdue() {
        return escalated || goal != null && waited.compareTo(goal) >= 0;
    }
}
