package org.parley.inbox.ui;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Times as staff read them: "14:05" today, "Nov 3 14:05" before. */
final class TimeFormat {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.US);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("MM/dd", Locale.US);
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("MMM d HH:mm", Locale.US);

    private TimeFormat() {
    }

    /** A day as "12/07", for "replied STOP on 12/07". */
    static String day(Instant at, Clock clock) {
        return DAY.format(at.atZone(ZoneId.systemDefault()));
    }

    static String of(Instant at, Clock clock) {
        if (at == null) {
            return "";
        }
        ZoneId zone = ZoneId.systemDefault();
        LocalDate today = LocalDate.now(clock.withZone(zone));
        var local = at.atZone(zone);
        return local.toLocalDate().equals(today) ? TIME.format(local) : DATE_TIME.format(local);
    }
}
