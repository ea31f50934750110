package org.parley.vonage;

import java.util.regex.Pattern;

/**
 * Makes what Vonage says about a failure fit to show staff and to log: Vonage's details sometimes quote the
 * number concerned ("Invalid number 447700900000"), and nothing Parley shows may carry a phone number or echo
 * a secret back.
 */
final class Redaction {

    /** Six digits or more, possibly with a plus and separators: long enough to be (part of) a phone number. */
    private static final Pattern NUMBER_LIKE = Pattern.compile("\\+?\\(?\\d(?:[ ().-]{0,2}\\d){5,}");
    private static final int MAX_LENGTH = 300;

    private Redaction() {
    }

    /**
     * The text with anything number-like and each given secret removed, shortened to a sentence's length;
     * {@code null} stays {@code null}.
     */
    static String redact(String text, String... secrets) {
        if (text == null) {
            return null;
        }
        String safe = text;
        for (String secret : secrets) {
            if (secret != null && secret.strip().length() >= 4) {
                safe = safe.replace(secret.strip(), "[secret]");
            }
        }
        safe = NUMBER_LIKE.matcher(safe).replaceAll("[number]").strip();
        return safe.length() <= MAX_LENGTH ? safe : safe.substring(0, MAX_LENGTH - 1) + "…";
    }
}
