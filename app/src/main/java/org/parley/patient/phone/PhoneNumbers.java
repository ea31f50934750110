package org.parley.patient.phone;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.util.Locale;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Phone numbers as people type them, read with libphonenumber: "(929) 203-8684", "929.203.8684" and
 * "+1 929 203 8684" are the same number, stored in E.164. Error messages never repeat what was typed.
 */
@Component
public class PhoneNumbers {

    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

    private final String defaultRegion;

    @Autowired
    PhoneNumbers(PhoneSettings settings) {
        this(settings.defaultRegion());
    }

    /** Numbers typed without a country code read as in {@code defaultRegion} (e.g. US). */
    PhoneNumbers(String defaultRegion) {
        this.defaultRegion = defaultRegion.toUpperCase(Locale.ROOT);
        if (!UTIL.getSupportedRegions().contains(this.defaultRegion)) {
            throw new IllegalStateException("parley.phone.default-region is not a region code such as US or CA");
        }
    }

    /**
     * The number in E.164.
     *
     * @throws IllegalArgumentException when it is not a valid phone number
     */
    public String toE164(String typed) {
        return parse(typed).orElseThrow(() -> new IllegalArgumentException(
                "That is not a valid phone number. Type 10 digits, e.g. (929) 203-8684, or an international "
                        + "number starting with +."));
    }

    /** The number in E.164, or empty when it is not a valid phone number. */
    public Optional<String> parse(String typed) {
        if (typed == null || typed.isBlank() || typed.chars().filter(Character::isLetter).count() > 0) {
            return Optional.empty();
        }
        try {
            PhoneNumber number = UTIL.parse(typed.strip(), defaultRegion);
            return UTIL.isValidNumber(number)
                    ? Optional.of(UTIL.format(number, PhoneNumberUtil.PhoneNumberFormat.E164))
                    : Optional.empty();
        } catch (NumberParseException e) {
            return Optional.empty();
        }
    }
}
