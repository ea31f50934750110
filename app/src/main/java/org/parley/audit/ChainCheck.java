package org.parley.audit;

/**
 * What a check of the audit chain found.
 *
 * @param intact         whether every entry is in place and unchanged
 * @param entriesChecked how many entries were found in order before the first problem (all of them when intact)
 * @param position       the place in the chain of the first problem, or {@code null}
 * @param entryId        the id of the entry at fault, or {@code null} when it is missing
 * @param problem        what is wrong, for admins; {@code null} when intact
 * @param headHash       the newest hash of the chain, to note down elsewhere: a log cut back and re-hashed by
 *                       someone with database access no longer ends in it
 */
public record ChainCheck(boolean intact, long entriesChecked, Long position, Long entryId, String problem,
                         String headHash) {

    static ChainCheck intact(long checked, String headHash) {
        return new ChainCheck(true, checked, null, null, null, headHash);
    }

    static ChainCheck broken(long checked, Long position, Long entryId, String problem, String headHash) {
        return new ChainCheck(false, checked, position, entryId, problem, headHash);
    }

    /** One line for the page and the audit log. */
    public String summary() {
        return intact ? "intact: " + entriesChecked + " entries checked" : "broken: " + problem;
    }
}
