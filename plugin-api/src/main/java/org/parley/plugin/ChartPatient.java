package org.parley.plugin;

import java.time.LocalDate;
import java.util.Objects;

/**
 * The patient whose chart an export goes into. Parley refuses an export for a patient with neither MRN nor date of
 * birth before any exporter sees it.
 *
 * @param parleyId  Parley's own id of the patient
 * @param firstName the first (given) name, or {@code null} when unknown
 * @param lastName  the last (family) name, or {@code null} when unknown
 * @param birthDate the date of birth, or {@code null} when unknown
 * @param mrn       the medical record number the EHR knows the patient by, or {@code null} when unknown
 * @since 1.2.0
 */
public record ChartPatient(String parleyId, String firstName, String lastName, LocalDate birthDate, String mrn) {

    /** Checks the id is present; blank names and MRN become {@code null}. */
    public ChartPatient {
        Objects.requireNonNull(parleyId, "parleyId");
        firstName = blankToNull(firstName);
        lastName = blankToNull(lastName);
        mrn = blankToNull(mrn);
    }

    /** "First Last", or whichever part is known, or an empty string. */
    public String displayName() {
        return ((firstName == null ? "" : firstName) + " " + (lastName == null ? "" : lastName)).strip();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
