package org.parley.practice;

import java.time.ZoneId;

/**
 * The practice as patients and documents name it.
 *
 * @param name     e.g. "Amboy Family Practice"
 * @param timeZone the zone of the practice's clocks
 * @param set      whether an admin has set it in the app (else it comes from the properties)
 */
public record Practice(String name, ZoneId timeZone, boolean set) {
}
