package org.parley.patient;

import java.time.Instant;

/**
 * Why a number must not be texted.
 *
 * @param reason why, in the words of who set it
 * @param setBy  the staff member's user name
 * @param setAt  when
 */
public record DoNotTextMark(String reason, String setBy, Instant setAt) {
}
