package org.parley.patient.ui;

import org.parley.patient.NumberInUseException;

/** What staff are told when a number is already taken: who has it, and the two ways on. */
public final class PatientMessages {

    private PatientMessages() {
    }

    /** Names the patient who has the number (shown on screen only, never logged). */
    public static String numberInUse(NumberInUseException taken) {
        return "This cell number already belongs to " + taken.owner().displayName()
                + ". Link the two as guardian and dependent, or merge them if they are the same person.";
    }
}
