package org.parley.broadcast;

import java.time.Instant;

/** A broadcast in the list of broadcasts. */
public record BroadcastSummary(long id, String name, String lineId, String audience, BroadcastState state,
                               Instant createdAt) {
}
