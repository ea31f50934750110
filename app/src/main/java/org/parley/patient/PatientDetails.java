package org.parley.patient;

import java.time.LocalDate;

/**
 * A patient as staff enter them.
 *
 * @param firstName    required
 * @param lastName     required
 * @param dateOfBirth  required; not in the future, not absurdly old
 * @param cellPhone    as typed, in any common format; blank for a patient without a cell phone
 * @param mrn          the EHR's medical record number, optional
 * @param internalNote a note for the team, optional; never sent
 * @param timeZone     the patient's time zone as an IANA id (e.g. America/Chicago), optional: bulk messages respect
 *                     quiet hours in it, else in the practice's zone
 */
public record PatientDetails(String firstName, String lastName, LocalDate dateOfBirth, String cellPhone, String mrn,
                             String internalNote, String timeZone) {

    /** Details without a time zone of their own (the practice's applies). */
    public PatientDetails(String firstName, String lastName, LocalDate dateOfBirth, String cellPhone, String mrn,
                          String internalNote) {
        this(firstName, lastName, dateOfBirth, cellPhone, mrn, internalNote, null);
    }
}
