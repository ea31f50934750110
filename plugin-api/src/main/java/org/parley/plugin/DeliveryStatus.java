package org.parley.plugin;

/**
 * Where an outbound message is, as a provider reports it. Reports may arrive out of order; the app never
 * moves a message to a status of lower {@link #rank()}.
 */
public enum DeliveryStatus {
    /** The provider accepted the message and handed it to the carrier. */
    SENT(1),
    /** The carrier could not deliver it (the phone is off, the number is unknown...). */
    UNDELIVERED(2),
    /** The provider could not send it at all. */
    FAILED(2),
    /** The handset received it. */
    DELIVERED(3),
    /** The patient opened it, where the channel reports reads. */
    READ(4);

    private final int rank;

    DeliveryStatus(int rank) {
        this.rank = rank;
    }

    /** The progress this status stands for; a later report of lower rank is ignored. */
    public int rank() {
        return rank;
    }
}
