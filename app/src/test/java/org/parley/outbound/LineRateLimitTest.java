package org.parley.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class LineRateLimitTest {

    private Instant now = Instant.parse("2026-11-24T10:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };

    @Test
    void aLineSendsOneMessageASecondAndTellsTheNextOneHowLongToWait() {
        LineRateLimit limit = new LineRateLimit(clock, 1);

        assertThat(limit.reserve("main")).isZero();
        assertThat(limit.reserve("main")).isEqualTo(Duration.ofSeconds(1));

        now = now.plusMillis(400);
        assertThat(limit.reserve("main")).isEqualTo(Duration.ofMillis(600));

        now = now.plusMillis(600);
        assertThat(limit.reserve("main")).isZero();
    }

    @Test
    void eachLineHasItsOwnPace() {
        LineRateLimit limit = new LineRateLimit(clock, 1);

        assertThat(limit.reserve("main")).isZero();
        assertThat(limit.reserve("after-hours")).isZero();
    }

    @Test
    void aFasterLineWaitsLess() {
        LineRateLimit limit = new LineRateLimit(clock, 4);

        assertThat(limit.reserve("short-code")).isZero();
        assertThat(limit.reserve("short-code")).isEqualTo(Duration.ofMillis(250));
    }
}
