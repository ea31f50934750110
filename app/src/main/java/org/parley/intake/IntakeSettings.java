package org.parley.intake;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * How much webhook intake a node takes on at once ({@code parley.intake.*}).
 *
 * @param maxConcurrent webhooks stored at the same time; each holds one database connection while it is stored, so
 *                      this stays below the connection pool's size (Hikari's default is 10) to leave connections for
 *                      staff screens and the queues
 * @param maxWait       how long a webhook waits for its turn before it is answered 503 (the provider retries), so
 *                      that an overloaded node says so at once instead of hanging until the provider gives up
 * @param attempts      how often one webhook's transaction is tried when it loses a race with another (a deadlock, a
 *                      conflict on the same row) before it is answered 503
 * @param maxBody       the largest webhook body read (larger ones are answered 413 unread): providers' webhooks are
 *                      forms or JSON of a few kilobytes, media come as links
 */
@ConfigurationProperties("parley.intake")
record IntakeSettings(@DefaultValue("8") int maxConcurrent, @DefaultValue("500ms") Duration maxWait,
                      @DefaultValue("5") int attempts,
                      @DefaultValue("1MB") DataSize maxBody) {

    IntakeSettings {
        if (maxConcurrent < 1) {
            throw new IllegalArgumentException("parley.intake.max-concurrent must be at least 1, not " + maxConcurrent);
        }
        if (maxWait.isNegative()) {
            throw new IllegalArgumentException("parley.intake.max-wait must not be negative");
        }
        if (maxBody.toBytes() < 1024) {
            throw new IllegalArgumentException("parley.intake.max-body must be at least 1KB, not " + maxBody);
        }
        if (attempts < 1) {
            throw new IllegalArgumentException("parley.intake.attempts must be at least 1, not " + attempts);
        }
    }
}
