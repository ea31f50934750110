package org.parley.testsupport;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock a test moves by hand, to stand in for the app's {@link Clock} bean: time-dependent rules (codes,
 * expiries) are tested without waiting. Starts at the real time; thread-safe.
 */
public final class MutableClock extends Clock {

    private volatile Instant now = Instant.now();

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("Parley reads instants only");
    }

    public void advance(Duration by) {
        now = now.plus(by);
    }

    public void set(Instant to) {
        now = to;
    }
}
