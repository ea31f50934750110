package org.parley.patient;

/**
 * The two patients of a merge have different dates of birth, and nobody confirmed a second time that they are the
 * same person. The message names neither patient nor date.
 */
public class BirthDatesDifferException extends IllegalStateException {

    BirthDatesDifferException() {
        super("The two patients have different dates of birth. Confirm a second time that they are the same person "
                + "to merge them.");
    }
}
