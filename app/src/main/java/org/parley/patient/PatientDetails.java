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
 */
public record PatientDetails(String firstName, String lastName, LocalDate dateOfBirth, String cellPhone, String mrn,
                             String internalNote) {
}
