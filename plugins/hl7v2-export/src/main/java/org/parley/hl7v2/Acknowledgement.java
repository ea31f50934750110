package org.parley.hl7v2;

import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.model.v251.datatype.CE;
import ca.uhn.hl7v2.model.v251.datatype.CWE;
import ca.uhn.hl7v2.model.v251.datatype.ELD;
import ca.uhn.hl7v2.model.v251.message.ACK;
import ca.uhn.hl7v2.model.v251.segment.ERR;
import ca.uhn.hl7v2.model.v251.segment.MSA;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.parley.plugin.ChartPatient;
import org.parley.plugin.ExportResult;

/**
 * What the EHR answered, and what that means for the export.
 *
 * <p>Original-mode acknowledgement: AA (or a commit accept, CA) took the document. AE (the document has an
 * error) and AR (the message was rejected) are failures carrying the EHR's own words: by default permanent,
 * because sending the same message again gives the same answer. HL7 table 0357 has the one convention for
 * "try later": error code 206 (application record locked, e.g. the chart is open elsewhere) and 207 (application
 * internal error) make the failure retryable. Error code 205 (duplicate key identifier) means the EHR already has
 * this document number, i.e. an earlier attempt got through and only its ACK was lost: that counts as exported.
 *
 * @param code       MSA-1
 * @param controlId  MSA-2, the control ID of the message acknowledged
 * @param errorCodes HL7 error codes from ERR-3, ERR-1 (before 2.5) and MSA-6
 * @param texts      the EHR's error texts, most specific first: MSA-3, ERR-8, ERR-3.9, ERR-7, ERR-3.2, ERR-1.4
 */
record Acknowledgement(String code, String controlId, List<String> errorCodes, List<String> texts) {

    static final String DUPLICATE_KEY = "205";
    static final Set<String> TRY_LATER = Set.of("206", "207");
    private static final int MAX_REASON_LENGTH = 400;

    /** Reads MSA and every ERR. */
    static Acknowledgement of(ACK ack) throws HL7Exception {
        MSA msa = ack.getMSA();
        Set<String> codes = new LinkedHashSet<>();
        Set<String> texts = new LinkedHashSet<>();
        add(texts, msa.getTextMessage().getValue());
        for (ERR err : ack.getERRAll()) {
            CWE hl7Code = err.getHL7ErrorCode();
            add(codes, hl7Code.getIdentifier().getValue());
            add(texts, err.getUserMessage().getValue());
            add(texts, hl7Code.getOriginalText().getValue());
            add(texts, err.getDiagnosticInformation().getValue());
            add(texts, hl7Code.getText().getValue());
            for (ELD location : err.getErrorCodeAndLocation()) {
                CE old = location.getCodeIdentifyingError();
                add(codes, old.getIdentifier().getValue());
                add(texts, old.getAlternateText().getValue());
                add(texts, old.getText().getValue());
            }
        }
        add(codes, msa.getErrorCondition().getIdentifier().getValue());
        add(texts, msa.getErrorCondition().getText().getValue());
        String code = msa.getAcknowledgmentCode().getValue();
        return new Acknowledgement(code == null ? "" : code.strip().toUpperCase(Locale.ROOT),
                msa.getMessageControlID().getValue(), List.copyOf(codes), List.copyOf(texts));
    }

    /** Whether it acknowledges the message with this control ID. */
    boolean acknowledges(String sentControlId) {
        return sentControlId.equals(controlId == null ? null : controlId.strip());
    }

    /**
     * The export's result.
     *
     * @param reference what to call the document when it was taken
     * @param patient   whose data to keep out of the EHR's text
     */
    ExportResult result(String reference, ChartPatient patient) {
        switch (code) {
            case "AA", "CA" -> {
                return ExportResult.exported(reference);
            }
            case "AE", "AR", "CE", "CR" -> {
                if (errorCodes.contains(DUPLICATE_KEY)) {
                    return ExportResult.exported(reference);
                }
                String reason = reason(patient);
                return errorCodes.stream().anyMatch(TRY_LATER::contains)
                        ? ExportResult.retryableFailure(reason)
                        : ExportResult.permanentFailure(reason);
            }
            default -> {
                return ExportResult.retryableFailure("The EHR answered with an unknown acknowledgement code.");
            }
        }
    }

    private String reason(ChartPatient patient) {
        String what = code.endsWith("E") ? "The EHR refused the document" : "The EHR rejected the message";
        List<String> details = new ArrayList<>();
        details.add(code);
        errorCodes.stream().map(error -> "error " + error).forEach(details::add);
        String said = PatientRedaction.scrub(String.join("; ", texts), patient);
        String reason = what + " (" + String.join(", ", details) + ")"
                + (said.isBlank() ? " without saying why." : ": " + said);
        return reason.length() <= MAX_REASON_LENGTH ? reason : reason.substring(0, MAX_REASON_LENGTH - 1) + "…";
    }

    private static void add(Set<String> values, String value) {
        if (value != null && !value.isBlank()) {
            values.add(value.strip());
        }
    }
}
