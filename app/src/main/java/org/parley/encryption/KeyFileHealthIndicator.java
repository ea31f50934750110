package org.parley.encryption;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Readiness: the key file can still be read and still holds the key Parley encrypts new data with (a file deleted,
 * made unreadable or replaced while Parley runs would make every new message fail). Health {@code keyFile}; details
 * (management port only) name the file and the key ids, never a key.
 */
@Component
class KeyFileHealthIndicator implements HealthIndicator {

    private final KeyRing ring;

    KeyFileHealthIndicator(KeyRing ring) {
        this.ring = ring;
    }

    @Override
    public Health health() {
        KeyFile.Contents onDisk;
        try {
            onDisk = KeyFile.read(ring.file());
        } catch (RuntimeException e) {
            // KeyFile's messages name the file and the entry, never a key
            return Health.down().withDetail("file", ring.file().toString()).withDetail("error", e.getMessage()).build();
        }
        int primary = ring.primaryId();
        if (!onDisk.keys().containsKey(primary)) {
            return Health.down().withDetail("file", ring.file().toString())
                    .withDetail("error", "the file no longer holds key " + primary + ", which encrypts new data")
                    .build();
        }
        return Health.up().withDetail("file", ring.file().toString()).withDetail("primaryKey", primary)
                .withDetail("keys", onDisk.keys().keySet().stream().sorted().toList()).build();
    }
}
