package org.parley.plugin.testkit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * A clock a test sets and moves forward, to share between a plugin and a stand-in for its far end: time passes
 * without waiting. In UTC; {@link #withZone} answers this same clock, so a zone asked of it never freezes time.
 */
public final class MutableClock extends Clock {

    private volatile Instant now;

    /** A clock at this moment. */
    public MutableClock() {
        this(Instant.now());
    }

    /** A clock at {@code start}. */
    public MutableClock(Instant start) {
        this.now = Objects.requireNonNull(start, "start");
    }

    /** Moves the clock forward (or back, for a negative duration). */
    public void advance(Duration duration) {
        now = now.plus(duration);
    }

    /** Sets the clock to {@code instant}. */
    public void set(Instant instant) {
        now = Objects.requireNonNull(instant, "instant");
    }

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
        return this;
    }
}
