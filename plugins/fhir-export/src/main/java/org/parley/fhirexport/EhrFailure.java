package org.parley.fhirexport;

import org.parley.plugin.ExportResult;

/**
 * Why an export cannot reach the chart, in words a staff member or admin can act on, and whether trying again later
 * may help. The reason never holds patient data: it names the problem ("no patient with this MRN in the EHR").
 */
final class EhrFailure extends Exception {

    private final boolean retryable;

    private EhrFailure(boolean retryable, String reason) {
        // no stack trace: this is an answer, not a bug, and it is logged as one line
        super(reason, null, false, false);
        this.retryable = retryable;
    }

    /** The EHR could not be reached or was busy: the app tries again later. */
    static EhrFailure retryable(String reason) {
        return new EhrFailure(true, reason);
    }

    /** Trying the same export again will not help until someone changes something. */
    static EhrFailure permanent(String reason) {
        return new EhrFailure(false, reason);
    }

    boolean retryable() {
        return retryable;
    }

    String reason() {
        return getMessage();
    }

    ExportResult toResult() {
        return retryable ? ExportResult.retryableFailure(reason()) : ExportResult.permanentFailure(reason());
    }
}
