package org.parley.broadcast;

/** Why a patient of a broadcast is not texted. */
public enum SkipKind {
    NO_CELL("no cell number"),
    DEPENDENT_WITHOUT_GUARDIAN_NUMBER("dependent without a guardian's number"),
    DO_NOT_TEXT("DO NOT TEXT"),
    LANDLINE("landline"),
    OPTED_OUT("opted out");

    private final String label;

    SkipKind(String label) {
        this.label = label;
    }

    /** In staff's words, e.g. "opted out". */
    public String label() {
        return label;
    }
}
