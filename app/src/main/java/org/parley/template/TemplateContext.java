package org.parley.template;

/**
 * Who a template is being inserted for and by: the values of its placeholders (the practice's name comes from
 * configuration). A value that is {@code null} is unknown and left visibly to fill in.
 *
 * @param patientFirstName the patient's first name, or {@code null}
 * @param patientLastName  the patient's last name, or {@code null}
 * @param staffName        the name of the staff member inserting it, as colleagues see it
 */
public record TemplateContext(String patientFirstName, String patientLastName, String staffName) {

    /** The first word of the staff member's name, or {@code null}. */
    public String staffFirstName() {
        if (staffName == null || staffName.isBlank()) {
            return null;
        }
        return staffName.strip().split("\\s+")[0];
    }
}
