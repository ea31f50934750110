package org.parley.plugin;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One message of a chart export.
 *
 * @param parleyId    Parley's id of the message
 * @param kind        who wrote it to whom
 * @param author      who wrote it as it should appear in the chart: the staff member's name, or the patient's
 *                    name (or "Patient" when unknown) for messages from the patient
 * @param sentAt      when it was written or received
 * @param text        the text; for a {@link Kind#VOICEMAIL} the automatic transcript; {@code null} when there is
 *                    none (e.g. a picture alone)
 * @param attachments pictures and files sent with it, and a voicemail's recording
 * @since 1.2.0
 */
public record ChartMessage(String parleyId, Kind kind, String author, Instant sentAt, String text,
                           List<ChartAttachment> attachments) {

    /** Who wrote a message to whom. */
    public enum Kind {
        /** A text from the patient. */
        FROM_PATIENT,
        /** A text the practice sent to the patient. */
        TO_PATIENT,
        /** A note staff wrote for each other; never seen by the patient. */
        INTERNAL_NOTE,
        /** A voicemail the patient left; its text is an automatic transcript and may be wrong. */
        VOICEMAIL
    }

    /** Checks the parts are present and copies the attachments. */
    public ChartMessage {
        Objects.requireNonNull(parleyId, "parleyId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(author, "author");
        Objects.requireNonNull(sentAt, "sentAt");
        text = text == null || text.isBlank() ? null : text;
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
    }
}
