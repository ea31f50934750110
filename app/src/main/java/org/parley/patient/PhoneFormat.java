package org.parley.patient;

/** Shows E.164 numbers the way staff read them. */
public final class PhoneFormat {

    private PhoneFormat() {
    }

    /** {@code +19292038684} as {@code (929) 203-8684}; other countries' numbers as stored. */
    public static String national(String e164) {
        if (e164 == null || e164.isBlank()) {
            return "No number";
        }
        if (e164.matches("\\+1[2-9][0-9]{9}")) {
            return "(" + e164.substring(2, 5) + ") " + e164.substring(5, 8) + "-" + e164.substring(8);
        }
        return e164;
    }
}
