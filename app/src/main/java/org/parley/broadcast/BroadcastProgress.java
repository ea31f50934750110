package org.parley.broadcast;

import java.util.Map;

/**
 * Where a broadcast stands, read from its recipient rows and their messages.
 *
 * @param waiting   not queued yet (including those waiting for quiet hours to end)
 * @param inQueue   in the outbound queue, not yet taken by the provider
 * @param sent      taken by the provider, no delivery report (yet)
 * @param delivered reported delivered (or read)
 * @param failed    failed, not delivered, or not confirmed
 * @param skipped   skipped, by why
 * @param cancelled not sent because the broadcast was cancelled
 * @param failures  failed messages by their reason
 */
public record BroadcastProgress(long id, String name, BroadcastState state, long total, long waiting, long inQueue,
                                long sent, long delivered, long failed, Map<SkipKind, Long> skipped, long cancelled,
                                Map<String, Long> failures) {

    /** How many are finished one way or another (for a progress bar). */
    public long finished() {
        return sent + delivered + failed + cancelled + skipped.values().stream().mapToLong(Long::longValue).sum();
    }

    public long skippedTotal() {
        return skipped.values().stream().mapToLong(Long::longValue).sum();
    }
}
