package org.parley.patient;

/**
 * A cell number already belongs to another patient. The message names no one; the UI shows {@link #owner()}
 * and offers the two ways on: link as guardian/dependent, or merge.
 */
public class NumberInUseException extends IllegalArgumentException {

    private final transient ContactSummary owner;

    NumberInUseException(ContactSummary owner) {
        super("This cell number already belongs to another patient.");
        this.owner = owner;
    }

    /** The patient who has the number. */
    public ContactSummary owner() {
        return owner;
    }
}
