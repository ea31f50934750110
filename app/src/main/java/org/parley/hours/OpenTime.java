package org.parley.hours;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Set;

/**
 * A line's office hours as a stopwatch that runs only while the line is open: how much open time lies between two
 * moments, by the practice's clocks (summer time moves the hours with them) and without its closed days. A line
 * without office hours is always open. Read once ({@link OfficeHours#openTime}) and used for many waits of one line.
 */
public final class OpenTime {

    private final LineHours hours;
    private final Set<LocalDate> closedDays;
    private final ZoneId zone;

    OpenTime(LineHours hours, Set<LocalDate> closedDays, ZoneId zone) {
        this.hours = hours;
        this.closedDays = Set.copyOf(closedDays);
        this.zone = zone;
    }

    /** The open time from {@code from} to {@code to}; zero when {@code to} is not after {@code from}. */
    public Duration between(Instant from, Instant to) {
        if (!to.isAfter(from)) {
            return Duration.ZERO;
        }
        if (hours == null) {
            return Duration.between(from, to);
        }
        Duration open = Duration.ZERO;
        LocalDate last = LocalDate.ofInstant(to, zone);
        for (LocalDate day = LocalDate.ofInstant(from, zone); !day.isAfter(last); day = day.plusDays(1)) {
            LineHours.Span span = hours.week().get(day.getDayOfWeek());
            if (span == null || closedDays.contains(day)) {
                continue;
            }
            Instant opens = day.atTime(span.opens()).atZone(zone).toInstant();
            Instant closes = day.atTime(span.closes()).atZone(zone).toInstant();
            Instant start = opens.isAfter(from) ? opens : from;
            Instant end = closes.isBefore(to) ? closes : to;
            if (end.isAfter(start)) {
                open = open.plus(Duration.between(start, end));
            }
        }
        return open;
    }
}
