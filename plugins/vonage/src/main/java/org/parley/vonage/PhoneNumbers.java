package org.parley.vonage;

import java.util.regex.Pattern;

/**
 * Vonage writes numbers as E.164 digits without the plus ({@code 14155550100}); Parley keeps them with it
 * ({@code +14155550100}). These convert between the two and refuse anything that is not a phone number.
 */
final class PhoneNumbers {

    private static final Pattern DIGITS = Pattern.compile("[1-9]\\d{6,14}");

    private PhoneNumbers() {
    }

    /** Parley's E.164 as Vonage wants it, or {@code null} when it is not a phone number. */
    static String toVonage(String e164) {
        if (e164 == null) {
            return null;
        }
        String digits = e164.strip();
        digits = digits.startsWith("+") ? digits.substring(1) : digits;
        return DIGITS.matcher(digits).matches() ? digits : null;
    }

    /**
     * A number from a Vonage webhook as E.164 with the plus, or {@code null} when it is not a phone number
     * (a withheld caller id, an alphanumeric sender).
     */
    static String toE164(String vonage) {
        String digits = toVonage(vonage);
        return digits == null ? null : "+" + digits;
    }
}
