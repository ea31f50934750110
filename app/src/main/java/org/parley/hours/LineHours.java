package org.parley.hours;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.Map;

/**
 * A line's office hours: when it is open on each weekday, and what a patient writing outside them is told.
 *
 * @param lineId        the line
 * @param week          open hours per weekday; a weekday that is missing is closed all day
 * @param replyText     the after-hours reply, or {@code null} for none
 * @param closedDayText the reply on a named closed day, or {@code null} to use {@code replyText}
 */
public record LineHours(String lineId, Map<DayOfWeek, Span> week, String replyText, String closedDayText) {

    /** Open from {@code opens} (inclusive) to {@code closes} (exclusive), the same day. */
    public record Span(LocalTime opens, LocalTime closes) {
    }

    public LineHours {
        week = Map.copyOf(week);
    }
}
