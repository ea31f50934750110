package org.parley.hours;

import java.time.LocalDate;

/** A day a line is closed all day, with the name staff know it by (e.g. "Thanksgiving"). */
public record ClosedDay(long id, String lineId, LocalDate date, String name) {
}
