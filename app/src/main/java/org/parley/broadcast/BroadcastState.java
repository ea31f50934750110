package org.parley.broadcast;

/** Where a broadcast is; stored in {@code broadcast.state}, read by every node's feeder. */
public enum BroadcastState {
    /** Prepared: recipients and skips known, nothing sent. */
    DRAFT,
    /** Recipients are being handed to the outbound queue. */
    SENDING,
    /** No more recipients are queued until it is resumed. */
    PAUSED,
    /** Stopped for good: the rest were not sent. */
    CANCELLED,
    /** Every recipient was queued or skipped. */
    DONE
}
