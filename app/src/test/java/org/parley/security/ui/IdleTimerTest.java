package org.parley.security.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class IdleTimerTest {

    private static final Instant LAST_USE = Instant.parse("2026-05-04T09:00:00Z");
    private final IdleTimer fifteenMinutes = new IdleTimer(Duration.ofMinutes(15), Duration.ofSeconds(60));

    private IdleTimer.State after(Duration idle) {
        return fifteenMinutes.at(LAST_USE, LAST_USE.plus(idle));
    }

    @Test
    void nothingShowsUntilAMinuteBeforeTheTimeout() {
        assertThat(after(Duration.ZERO)).isInstanceOf(IdleTimer.Active.class);
        assertThat(after(Duration.ofMinutes(13).plusSeconds(59))).isInstanceOf(IdleTimer.Active.class);
    }

    @Test
    void theWarningCountsTheSecondsLeftFromSixtyDown() {
        assertThat(after(Duration.ofMinutes(14))).isEqualTo(new IdleTimer.Warning(60));
        assertThat(after(Duration.ofMinutes(14).plusMillis(500))).isEqualTo(new IdleTimer.Warning(60));
        assertThat(after(Duration.ofMinutes(14).plusSeconds(59))).isEqualTo(new IdleTimer.Warning(1));
    }

    @Test
    void theSessionIsSignedOutAtTheTimeout() {
        assertThat(after(Duration.ofMinutes(15))).isInstanceOf(IdleTimer.SignOut.class);
        assertThat(after(Duration.ofHours(3))).isInstanceOf(IdleTimer.SignOut.class);
    }

    @Test
    void aWarningLongerThanTheTimeoutShowsFromTheStart() {
        IdleTimer short_ = new IdleTimer(Duration.ofSeconds(30), Duration.ofSeconds(60));

        assertThat(short_.at(LAST_USE, LAST_USE.plusSeconds(1))).isEqualTo(new IdleTimer.Warning(29));
    }

    @Test
    void useIsReportedEveryTenSecondsAtMostForLongTimeoutsAndMoreOftenForShortOnes() {
        assertThat(fifteenMinutes.activityThrottleMillis()).isEqualTo(10_000);
        assertThat(new IdleTimer(Duration.ofSeconds(12), Duration.ofSeconds(8)).activityThrottleMillis())
                .isEqualTo(250);
    }
}
