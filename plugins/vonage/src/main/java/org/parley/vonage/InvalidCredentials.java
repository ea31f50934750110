package org.parley.vonage;

/**
 * A line's credentials cannot be used at all (not a UUID, not a PEM private key), found before asking Vonage.
 * The message says which setting to fix and never quotes it.
 */
final class InvalidCredentials extends Exception {

    InvalidCredentials(String reason) {
        super(reason);
    }
}
