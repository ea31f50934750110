package org.parley.patient.phone;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;

/** Shows E.164 numbers the way staff read them, with libphonenumber. */
public final class PhoneFormat {

    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

    private PhoneFormat() {
    }

    /** {@code +19292038684} as {@code (929) 203-8684}; numbers outside North America in international form. */
    public static String national(String e164) {
        if (e164 == null || e164.isBlank()) {
            return "No number";
        }
        try {
            var number = UTIL.parse(e164, "US");
            return number.getCountryCode() == 1
                    ? UTIL.format(number, PhoneNumberUtil.PhoneNumberFormat.NATIONAL)
                    : UTIL.format(number, PhoneNumberUtil.PhoneNumberFormat.INTERNATIONAL);
        } catch (NumberParseException e) {
            return e164;
        }
    }
}
