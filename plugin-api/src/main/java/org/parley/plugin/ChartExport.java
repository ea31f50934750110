package org.parley.plugin;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One "Copy to chart": some messages of one patient, chosen by a staff member.
 *
 * @param exportId    Parley's id of this export, the same on every retry; use it as the idempotency key
 *                    (e.g. a FHIR identifier for a conditional create, an HL7 unique document number)
 * @param patient     whose chart it goes into
 * @param messages    the selected messages, oldest first; never empty
 * @param staff       who copied them
 * @param category    what the messages are about, or {@code null}
 * @param comment     the staff member's comment for the chart, or {@code null}
 * @param requestedAt when the staff member sent the export
 * @since 1.2.0
 */
public record ChartExport(String exportId, ChartPatient patient, List<ChartMessage> messages, ChartStaff staff,
                          ChartCategory category, String comment, Instant requestedAt) {

    /** Checks the parts are present and there is at least one message. */
    public ChartExport {
        Objects.requireNonNull(exportId, "exportId");
        Objects.requireNonNull(patient, "patient");
        Objects.requireNonNull(staff, "staff");
        Objects.requireNonNull(requestedAt, "requestedAt");
        messages = List.copyOf(messages);
        if (messages.isEmpty()) {
            throw new IllegalArgumentException("an export needs at least one message");
        }
        comment = comment == null || comment.isBlank() ? null : comment.strip();
    }
}
