package org.parley.compliance;

/** A number opted out of texts on a line. Carries ids, not the number, so listeners log nothing sensitive. */
public record PatientOptedOut(String lineId, String source) {
}
