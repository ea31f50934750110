package org.parley.hours;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** Issue 17: bulk messages go only within quiet hours in the patient's zone, across daylight saving changes. */
class QuietHoursTest {

    static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    static final ZoneId LOS_ANGELES = ZoneId.of("America/Los_Angeles");

    final QuietHours quietHours = new QuietHours(new QuietHoursSettings(LocalTime.of(8, 0), LocalTime.of(21, 0)), null);

    @Test
    void aTextMayGoFromEightInTheMorningUntilJustBeforeNineAtNightLocally() {
        // 2026-12-08: New York is UTC-5
        assertThat(quietHours.allows(Instant.parse("2026-12-08T12:59:59Z"), NEW_YORK)).isFalse();
        assertThat(quietHours.allows(Instant.parse("2026-12-08T13:00:00Z"), NEW_YORK)).isTrue();
        assertThat(quietHours.allows(Instant.parse("2026-12-09T01:59:59Z"), NEW_YORK)).isTrue();
        assertThat(quietHours.allows(Instant.parse("2026-12-09T02:00:00Z"), NEW_YORK)).isFalse();
    }

    @Test
    void theSameMomentIsQuietInNewYorkAndAllowedInLosAngeles() {
        Instant evening = Instant.parse("2026-12-09T02:30:00Z"); // 9:30 pm in New York, 6:30 pm in Los Angeles
        assertThat(quietHours.allows(evening, NEW_YORK)).isFalse();
        assertThat(quietHours.allows(evening, LOS_ANGELES)).isTrue();
        assertThat(quietHours.nextAllowed(evening, LOS_ANGELES)).isEqualTo(evening);
        assertThat(quietHours.nextAllowed(evening, NEW_YORK)).isEqualTo(Instant.parse("2026-12-09T13:00:00Z"));
    }

    @Test
    void beforeEightTheWindowOpensTheSameMorning() {
        assertThat(quietHours.nextAllowed(Instant.parse("2026-12-08T10:00:00Z"), NEW_YORK))
                .isEqualTo(Instant.parse("2026-12-08T13:00:00Z"));
    }

    @Test
    void theNightTheClocksGoForwardTheWindowOpensAtEightSummerTime() {
        // Sat 13 March 2027, 10 pm EST; the clocks go forward at 2 am: 8 am EDT is 12:00 UTC, not 13:00
        assertThat(quietHours.nextAllowed(Instant.parse("2027-03-14T03:00:00Z"), NEW_YORK))
                .isEqualTo(Instant.parse("2027-03-14T12:00:00Z"));
    }

    @Test
    void theNightTheClocksGoBackTheWindowOpensAtEightStandardTime() {
        // Sat 31 October 2026, 10:30 pm EDT; the clocks go back at 2 am: 8 am EST is 13:00 UTC
        assertThat(quietHours.nextAllowed(Instant.parse("2026-11-01T02:30:00Z"), NEW_YORK))
                .isEqualTo(Instant.parse("2026-11-01T13:00:00Z"));
    }

    @Test
    void aWindowThatEndsBeforeItStartsIsRefusedAtStart() {
        assertThatThrownBy(() -> new QuietHoursSettings(LocalTime.of(21, 0), LocalTime.of(8, 0)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("parley.quiet-hours.start");
    }

    @Test
    void theWindowIsDescribedForScreens() {
        assertThat(quietHours.describe()).isEqualTo("8:00 AM to 9:00 PM");
    }
}
