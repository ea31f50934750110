package org.parley.patient;

import java.time.LocalDate;
import org.parley.patient.phone.PhoneFormat;

/**
 * A contact as other features see one.
 *
 * @param id           the contact's id
 * @param kind         unknown number, patient or organisation
 * @param phoneNumber  the number in E.164, or {@code null}
 * @param firstName    a patient's first name, or {@code null}
 * @param lastName     a patient's last name, or {@code null}
 * @param organisation an organisation's name, or {@code null}
 * @param dateOfBirth  a patient's date of birth, or {@code null}
 * @param mrn          the EHR's medical record number, or {@code null}
 * @param guardianId   for a dependent, the guardian whose phone their texts go to; else {@code null}
 * @param organisationKind for an organisation: pharmacy, lab, practice or other; else {@code null}
 */
public record ContactSummary(long id, ContactKind kind, String phoneNumber, String firstName, String lastName,
                             String organisation, LocalDate dateOfBirth, String mrn, Long guardianId,
                             String organisationKind) {

    /** Whether this is a dependent texted on a guardian's phone. */
    public boolean isDependent() {
        return guardianId != null;
    }

    /** The name staff see: the patient's or organisation's name, else the formatted number. */
    public String displayName() {
        return displayName(firstName, lastName, organisation, phoneNumber);
    }

    /** The name staff see for these parts. */
    public static String displayName(String firstName, String lastName, String organisation, String phoneNumber) {
        String name = ((firstName == null ? "" : firstName) + " " + (lastName == null ? "" : lastName)).trim();
        if (!name.isEmpty()) {
            return name;
        }
        if (organisation != null && !organisation.isBlank()) {
            return organisation;
        }
        return PhoneFormat.national(phoneNumber);
    }

    @Override
    public String toString() {
        return "Contact[" + id + ", " + kind + "]";
    }
}
