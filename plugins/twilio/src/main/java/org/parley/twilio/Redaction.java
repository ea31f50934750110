package org.parley.twilio;

import java.util.regex.Pattern;

/** Takes phone numbers out of text Twilio wrote (its error messages quote the number they refused). */
final class Redaction {

    // seven or more digits, maybe with +, spaces, dots, dashes or brackets: a number, not an error code
    private static final Pattern PHONE_NUMBER = Pattern.compile("\\+?\\(?\\d[\\d ().-]{5,}\\d");

    private Redaction() {
    }

    /** The text with every phone number replaced by {@code [number]}; {@code null} stays {@code null}. */
    static String withoutPhoneNumbers(String text) {
        return text == null ? null : PHONE_NUMBER.matcher(text).replaceAll("[number]");
    }
}
