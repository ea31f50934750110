package org.parley.assignment;

/**
 * The conversation is held by a colleague: taking it (or handing it to someone else, putting it into a list or
 * escalating it to the ombudsman) would take it from them, so nothing was changed and the person is asked first.
 * Carries the holders' names and the assignment version the question is about: a confirmed takeover passes that
 * version, so a change made while the question was open is refused again instead of being overwritten.
 */
public class TakeoverNeededException extends AssignmentConflictException {

    private final String holders;
    private final int version;

    TakeoverNeededException(String holders, boolean several, int version) {
        super(holders + (several ? " have" : " has") + " this conversation. Take it over?");
        this.holders = holders;
        this.version = version;
    }

    /** Who holds the conversation, by display name ("Dana Nurse", or "Dana Nurse, Eve Example"). */
    public String holders() {
        return holders;
    }

    /** The assignment version the holders were read at: pass it with the confirmed takeover. */
    public int version() {
        return version;
    }
}
