package org.parley.notify;

/**
 * How a staff member wants to hear of something.
 *
 * @param email   by e-mail (when IT set up e-mail and the staff member has an address)
 * @param desktop by a desktop pop-up in the browser (when the browser allows it)
 */
public record Channels(boolean email, boolean desktop) {

    /** What nobody chose yet: pop-ups (they show only where the browser allows them), no e-mail. */
    public static final Channels DEFAULT = new Channels(false, true);

    /** Whether any channel is chosen. */
    public boolean any() {
        return email || desktop;
    }
}
