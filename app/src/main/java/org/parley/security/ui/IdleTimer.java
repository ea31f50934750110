package org.parley.security.ui;

import java.time.Duration;
import java.time.Instant;

/**
 * When a session without use is warned and when it is signed out: pure time arithmetic, so it is tested without
 * a browser or a wait.
 *
 * @param timeout how long without use signs out ({@code parley.security.idle-timeout})
 * @param warning how long before that the warning shows ({@code parley.security.idle-warning}), at most the timeout
 */
record IdleTimer(Duration timeout, Duration warning) {

    IdleTimer {
        warning = warning.compareTo(timeout) > 0 ? timeout : warning;
    }

    /** What a session last used at {@code lastActivity} should see {@code now}. */
    sealed interface State {
    }

    /** Nothing to show. */
    record Active() implements State {
    }

    /** The warning, with the whole seconds left (rounded up). */
    record Warning(long secondsLeft) implements State {
    }

    /** Time is up: sign out. */
    record SignOut() implements State {
    }

    State at(Instant lastActivity, Instant now) {
        Duration left = Duration.between(now, lastActivity.plus(timeout));
        if (left.isNegative() || left.isZero()) {
            return new SignOut();
        }
        if (left.compareTo(warning) <= 0) {
            return new Warning((left.toMillis() + 999) / 1000);
        }
        return new Active();
    }

    /**
     * How often a stream of key presses or clicks reports itself: often enough for the timer, rarely enough not to
     * flood the server (every 10 seconds for the default 15 minutes; at least every second).
     */
    int activityThrottleMillis() {
        long millis = timeout.minus(warning).toMillis() / 20;
        return (int) Math.max(250, Math.min(10_000, millis));
    }
}
