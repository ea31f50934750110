package org.parley.patient;

import java.time.format.DateTimeFormatter;
import java.util.Objects;

/**
 * Two patients side by side, before one is merged into the other.
 *
 * @param survivorId the patient who stays
 * @param survivor   the survivor's profile
 * @param duplicateId the patient merged away
 * @param duplicate  the duplicate's profile
 */
public record MergePreview(long survivorId, PatientDetails survivor, long duplicateId, PatientDetails duplicate) {

    /** Whether the two dates of birth differ: merging then needs a second confirmation. */
    public boolean birthDatesDiffer() {
        return !Objects.equals(survivor.dateOfBirth(), duplicate.dateOfBirth());
    }

    /** The survivor's value of a field, as staff read it ("" when there is none). */
    public String survivorValue(PatientField field) {
        return valueOf(survivor, field);
    }

    /** The duplicate's value of a field, as staff read it ("" when there is none). */
    public String duplicateValue(PatientField field) {
        return valueOf(duplicate, field);
    }

    private static String valueOf(PatientDetails details, PatientField field) {
        String value = switch (field) {
            case FIRST_NAME -> details.firstName();
            case LAST_NAME -> details.lastName();
            case DATE_OF_BIRTH -> details.dateOfBirth() == null ? null
                    : DateTimeFormatter.ofPattern("MM/dd/yyyy").format(details.dateOfBirth());
            case CELL_PHONE -> details.cellPhone();
            case MRN -> details.mrn();
            case INTERNAL_NOTE -> details.internalNote();
        };
        return value == null ? "" : value;
    }
}
