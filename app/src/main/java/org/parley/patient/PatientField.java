package org.parley.patient;

/** A field of a patient's profile that a merge keeps from one side or the other. */
public enum PatientField {
    FIRST_NAME("First name"),
    LAST_NAME("Last name"),
    DATE_OF_BIRTH("Date of birth"),
    CELL_PHONE("Cell phone"),
    MRN("MRN"),
    INTERNAL_NOTE("Internal note");

    private final String label;

    PatientField(String label) {
        this.label = label;
    }

    /** The field's name as staff read it. */
    public String label() {
        return label;
    }
}
