package org.parley.plugin;

/**
 * A webhook's content cannot be read: the app answers 400 with this message. The message names the
 * problem ("missing field 'From'"), never a value from the request.
 */
public class MalformedWebhookException extends Exception {

    /** With the reason returned to the caller. */
    public MalformedWebhookException(String reason) {
        super(reason);
    }
}
