package org.parley.patient;

/** A number marked DO NOT TEXT cannot be given to a patient. The message names neither number nor patient. */
public class DoNotTextException extends IllegalArgumentException {

    private final transient DoNotTextMark mark;

    DoNotTextException(DoNotTextMark mark) {
        super("This number is marked DO NOT TEXT (" + mark.reason() + ", by " + mark.setBy()
                + "): it cannot be added to a patient.");
        this.mark = mark;
    }

    /** The mark. */
    public DoNotTextMark mark() {
        return mark;
    }
}
