package org.parley.simulator;

import java.time.Instant;

/**
 * A message on a simulated phone, as the simulator page shows it.
 *
 * @param id               the row id
 * @param carrierMessageId the carrier's id for it
 * @param lineId           the practice line it went to or came from
 * @param phoneNumber      the simulated phone's number
 * @param fromPhone        whether the phone sent it (else the practice did)
 * @param body             the text
 * @param mediaContentType the type of the picture or file that came with it, or {@code null}
 * @param status           for the practice's messages: sent, delivered, undelivered
 * @param createdAt        when the carrier saw it
 */
public record PhoneEntry(long id, String carrierMessageId, String lineId, String phoneNumber, boolean fromPhone,
                         String body, String mediaContentType, String status, Instant createdAt) {

    /** Whether a picture or file came with it. */
    public boolean hasPicture() {
        return mediaContentType != null;
    }

    /** Whether a picture came with it, which the phone shows. */
    public boolean hasImage() {
        return mediaContentType != null && mediaContentType.startsWith("image/");
    }
}
