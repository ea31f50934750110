package org.parley.plugin;

/**
 * What a chart export is about, chosen by the staff member. Exporters map it to their EHR's document types; an
 * exporter that meets a category it does not know treats it as {@link #OTHER}.
 *
 * @since 1.2.0
 */
public enum ChartCategory {
    /** Test or imaging results, e.g. an MRI report the patient asks about. */
    RESULTS("Results"),
    /** Prescriptions and medication problems. */
    MEDICATION("Medication"),
    /** Insurance questions. */
    INSURANCE("Insurance"),
    /** Billing questions. */
    BILLING("Billing"),
    /** Anything else. */
    OTHER("Other");

    private final String label;

    ChartCategory(String label) {
        this.label = label;
    }

    /** The name staff see, e.g. "Results". */
    public String label() {
        return label;
    }
}
