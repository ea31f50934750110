package org.parley.twilio;

import java.util.Map;

/**
 * Sentences for staff for the error codes Twilio reports most on undelivered texts. Status callbacks carry the
 * code only; see twilio.com/docs/api/errors.
 */
final class DeliveryErrors {

    private static final Map<String, String> REASONS = Map.ofEntries(
            Map.entry("21610", "The patient has opted out of texts from this number (replied STOP)"),
            Map.entry("21614", "The number is not a mobile number and cannot receive texts"),
            Map.entry("30003", "The phone is switched off or out of reach"),
            Map.entry("30004", "The recipient's carrier blocked the message"),
            Map.entry("30005", "The number is unknown or no longer in service"),
            Map.entry("30006", "The number is a landline or its carrier cannot receive texts"),
            Map.entry("30007", "The carrier filtered the message as spam"),
            Map.entry("30008", "The carrier could not deliver the message, for no given reason"),
            Map.entry("30034", "The sending number is not registered for texting to US numbers (A2P 10DLC)"));

    private DeliveryErrors() {
    }

    /** A sentence for the code, or {@code null} for no code; an unknown code is quoted. */
    static String describe(String errorCode) {
        if (errorCode == null) {
            return null;
        }
        return REASONS.getOrDefault(errorCode, "Twilio reported error " + errorCode);
    }
}
