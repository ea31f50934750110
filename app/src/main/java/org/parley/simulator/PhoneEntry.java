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
 * @param hasPicture       whether a picture came with it
 * @param status           for the practice's messages: sent, delivered, undelivered
 * @param createdAt        when the carrier saw it
 */
public record PhoneEntry(long id, String carrierMessageId, String lineId, String phoneNumber, boolean fromPhone,
                         String body, boolean hasPicture, String status, Instant createdAt) {
}
