package org.parley.outbound;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * How fast a line may send: carriers throttle a US long code to about one message a second, and messages
 * over the limit are delayed or dropped by them. Each line has its own pace.
 */
@Component
class LineRateLimit {

    private final Clock clock;
    private final Duration interval;
    private final Map<String, Instant> nextFree = new ConcurrentHashMap<>();

    LineRateLimit(Clock clock, @Value("${parley.outbound.messages-per-second-per-line:1}") double perSecond) {
        if (perSecond <= 0) {
            throw new IllegalArgumentException("parley.outbound.messages-per-second-per-line must be positive");
        }
        this.clock = clock;
        this.interval = Duration.ofNanos((long) (1_000_000_000L / perSecond));
    }

    /**
     * Takes the line's next sending slot if it is free now.
     *
     * @return {@link Duration#ZERO} when the message may go now, else how long to wait
     */
    Duration reserve(String lineId) {
        Instant now = clock.instant();
        Duration[] wait = {Duration.ZERO};
        nextFree.compute(lineId, (id, free) -> {
            if (free == null || !free.isAfter(now)) {
                return now.plus(interval);
            }
            wait[0] = Duration.between(now, free);
            return free;
        });
        return wait[0];
    }
}
