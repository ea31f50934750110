package org.parley.hours;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;
import org.parley.practice.PracticeProfiles;
import org.springframework.stereotype.Component;

/**
 * When automated and bulk messages may reach a patient: between {@code parley.quiet-hours.start} and {@code end} in
 * the patient's local time. The patient's zone is the one on their profile, else the practice's (Parley cannot tell
 * a zone from the number: libphonenumber's time-zone mapper is not available to the build, see docs/user-guide.md). An answer to
 * the patient (the after-hours reply, a staff reply) is not held back.
 */
@Component
public class QuietHours {

    private final QuietHoursSettings settings;
    private final PracticeProfiles practice;

    QuietHours(QuietHoursSettings settings, PracticeProfiles practice) {
        this.settings = settings;
        this.practice = practice;
    }

    /** The zone quiet hours are judged in for a patient: theirs when known, else the practice's. */
    public ZoneId zoneFor(Optional<ZoneId> patientZone) {
        return patientZone.orElseGet(practice::timeZone);
    }

    /** Whether a bulk message may go at {@code at} to a patient in {@code zone}. */
    public boolean allows(Instant at, ZoneId zone) {
        LocalTime local = at.atZone(zone).toLocalTime();
        return !local.isBefore(settings.start()) && local.isBefore(settings.end());
    }

    /**
     * {@code at} itself when a bulk message may go then, else the next opening of the window in {@code zone}. On a day
     * the clocks go forward inside the window's start, the start is the first local time that exists after it.
     */
    public Instant nextAllowed(Instant at, ZoneId zone) {
        if (allows(at, zone)) {
            return at;
        }
        LocalDateTime local = at.atZone(zone).toLocalDateTime();
        LocalDate day = local.toLocalTime().isBefore(settings.start()) ? local.toLocalDate()
                : local.toLocalDate().plusDays(1);
        return ZonedDateTime.of(day, settings.start(), zone).toInstant();
    }

    /** The window as configured, e.g. "8:00 AM to 9:00 PM", for screens. */
    public String describe() {
        DateTimeFormatter format = DateTimeFormatter.ofPattern("h:mm a",
                Locale.US);
        return format.format(settings.start()) + " to " + format.format(settings.end());
    }
}
