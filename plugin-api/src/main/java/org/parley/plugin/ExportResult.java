package org.parley.plugin;

import java.util.Objects;

/**
 * What became of a chart export.
 *
 * @since 1.2.0
 */
public sealed interface ExportResult {

    /**
     * The EHR took the export.
     *
     * @param reference the EHR's reference to show next to each exported message, e.g. {@code Communication/123}, an
     *                  HL7 message control id, or a file name
     * @param document  a document staff can download, e.g. the PDF that was written, or {@code null}
     */
    record Exported(String reference, ChartAttachment document) implements ExportResult {
        /** Checks the reference is present. */
        public Exported {
            Objects.requireNonNull(reference, "reference");
        }
    }

    /**
     * The export did not reach the chart.
     *
     * @param retryable whether trying again later may work (EHR unreachable or busy); a permanent failure (the
     *                  EHR does not know the patient, the message was refused) waits for a person
     * @param reason    what happened, in words a staff member can act on, e.g. "no patient with this MRN in the EHR";
     *                  may carry the EHR's own error text, never the patient's data
     */
    record Failed(boolean retryable, String reason) implements ExportResult {
        /** Checks the reason is present. */
        public Failed {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** The EHR took it and answered with this reference. */
    static ExportResult exported(String reference) {
        return new Exported(reference, null);
    }

    /** The export was written as a document that staff may also download. */
    static ExportResult exported(String reference, ChartAttachment document) {
        return new Exported(reference, document);
    }

    /** The EHR could not be reached or was busy: Parley retries later. */
    static ExportResult retryableFailure(String reason) {
        return new Failed(true, reason);
    }

    /** The EHR refused: retrying the same export will not help. */
    static ExportResult permanentFailure(String reason) {
        return new Failed(false, reason);
    }
}
