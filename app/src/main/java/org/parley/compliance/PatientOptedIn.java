package org.parley.compliance;

/** A number opted back in to texts on a line. */
public record PatientOptedIn(String lineId, String source) {
}
