package org.parley.patient;

/** What a contact is. */
public enum ContactKind {
    /** A number that wrote in and nobody has identified yet. */
    UNKNOWN,
    /** A patient of the practice. */
    PATIENT,
    /** A pharmacy, lab or other organisation. */
    ORGANISATION
}
