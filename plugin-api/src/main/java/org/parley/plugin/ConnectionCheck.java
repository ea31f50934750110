package org.parley.plugin;

import java.util.Objects;

/**
 * The answer to an admin's "Test connection": whether the provider accepted the line's settings, and what it
 * said. The message names the problem ("authentication failed: check the auth token"), never a secret.
 *
 * @param ok      whether the provider answered and accepted the credentials
 * @param message what to show the admin
 * @since 1.1.0
 */
public record ConnectionCheck(boolean ok, String message) {

    /** Checks the message is present. */
    public ConnectionCheck {
        Objects.requireNonNull(message, "message");
    }

    /** The provider accepted the settings. */
    public static ConnectionCheck ok(String message) {
        return new ConnectionCheck(true, message);
    }

    /** The provider refused the settings, or could not be reached. */
    public static ConnectionCheck failed(String message) {
        return new ConnectionCheck(false, message);
    }
}
