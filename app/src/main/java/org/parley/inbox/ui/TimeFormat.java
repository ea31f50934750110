package org.parley.inbox.ui;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.parley.practice.PracticeProfiles;

/** Times as staff read them: "14:05" today, "Nov 3 14:05" before. */
final class TimeFormat {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.US);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("MM/dd", Locale.US);
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("MMM d HH:mm", Locale.US);

    private TimeFormat() {
    }

    /** A day as "12/07", for "replied STOP on 12/07", in the clock's zone (the practice's: see {@link #practiceClock}). */
    static String day(Instant at, Clock clock) {
        return DAY.format(at.atZone(clock.getZone()));
    }

    /**
     * The clock the inbox's times are shown by: the practice's time zone (set by an admin under Practice), not the
     * server's, which is often UTC in a data centre far from the practice.
     */
    static Clock practiceClock(Clock clock, PracticeProfiles practice) {
        return clock.withZone(practice.timeZone());
    }

    static String of(Instant at, Clock clock) {
        if (at == null) {
            return "";
        }
        ZoneId zone = clock.getZone();
        LocalDate today = LocalDate.now(clock.withZone(zone));
        var local = at.atZone(zone);
        return local.toLocalDate().equals(today) ? TIME.format(local) : DATE_TIME.format(local);
    }
}
