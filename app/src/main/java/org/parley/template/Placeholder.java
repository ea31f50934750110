package org.parley.template;

/** What a template may leave to be filled in when it is inserted. */
public enum Placeholder {

    PATIENT_FIRST_NAME("{patient.firstName}", "the patient's first name", "patient first name"),
    PATIENT_LAST_NAME("{patient.lastName}", "the patient's last name", "patient last name"),
    PRACTICE_NAME("{practice.name}", "the practice's name", "practice name"),
    STAFF_NAME("{staff.name}", "the name of whoever inserts the template", "staff name"),
    STAFF_FIRST_NAME("{staff.firstName}", "the first word of that name", "staff first name");

    private final String token;
    private final String meaning;
    private final String missing;

    Placeholder(String token, String meaning, String missing) {
        this.token = token;
        this.meaning = meaning;
        this.missing = missing;
    }

    /** As written in a template, e.g. {@code {patient.firstName}}. */
    public String token() {
        return token;
    }

    /** What it becomes, in words for the admin writing a template. */
    public String meaning() {
        return meaning;
    }

    /**
     * What is inserted when the value is not known (a patient without a first name), e.g.
     * {@code [patient first name]}: visible, so staff fill it in before sending.
     */
    public String whenUnknown() {
        return "[" + missing + "]";
    }
}
