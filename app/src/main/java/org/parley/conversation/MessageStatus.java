package org.parley.conversation;

import org.parley.plugin.DeliveryStatus;

/** Where a message is. Outbound messages move forward only: a late "sent" never undoes "delivered". */
public enum MessageStatus {
    /** Stored, waiting to be handed to the provider (or to be retried). */
    QUEUED(0, "queued"),
    /** Being handed to the provider right now. */
    SENDING(0, "sending"),
    /** The provider took it. */
    SENT(1, "sent"),
    /** The carrier could not deliver it. */
    UNDELIVERED(2, "not delivered"),
    /** It could not be sent. */
    FAILED(2, "failed"),
    /** The phone received it. */
    DELIVERED(3, "delivered"),
    /** The patient opened it. */
    READ(4, "read"),
    /** A message the practice received. */
    RECEIVED(0, "received"),
    /** A queued reply its author deleted before it went out: never sent. */
    CANCELLED(0, "not sent (deleted)"),
    /**
     * An attempt's outcome is unknown (Parley stopped, or the provider's answer never came, while it was being handed
     * over) and the provider cannot tell whether it has it: not sent again by itself, because the patient may have it
     * already. Staff check and may resend it.
     */
    UNCONFIRMED(2, "may not have been sent - check before resending");

    private final int rank;
    private final String label;

    MessageStatus(int rank, String label) {
        this.rank = rank;
        this.label = label;
    }

    /** How staff read it. */
    public String label() {
        return label;
    }

    int rank() {
        return rank;
    }

    /** Whether the message did not reach the patient. */
    public boolean isProblem() {
        return this == FAILED || this == UNDELIVERED || this == UNCONFIRMED;
    }

    public static MessageStatus of(DeliveryStatus status) {
        return switch (status) {
            case SENT -> SENT;
            case DELIVERED -> DELIVERED;
            case UNDELIVERED -> UNDELIVERED;
            case FAILED -> FAILED;
            case READ -> READ;
        };
    }
}
