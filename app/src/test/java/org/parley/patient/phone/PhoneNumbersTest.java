package org.parley.patient.phone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PhoneNumbersTest {

    private final PhoneNumbers phones = new PhoneNumbers("US");

    @ParameterizedTest
    @ValueSource(strings = {"(929) 203-8684", "929.203.8684", "+1 929 203 8684", "9292038684", "1-929-203-8684",
            " 929 203 8684 "})
    void theCommonWaysOfWritingANumberAreTheSameNumber(String typed) {
        assertThat(phones.toE164(typed)).isEqualTo("+19292038684");
    }

    @ParameterizedTest
    @ValueSource(strings = {"12345", "abc", "929-203-868", "call me", "+1 123 456 7890", "929203868a"})
    void somethingThatIsNotAPhoneNumberIsRefusedWithoutRepeatingIt(String typed) {
        assertThatThrownBy(() -> phones.toE164(typed))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a valid phone number")
                .message().doesNotContain(typed.strip());
    }

    @Test
    void aNumberIsShownInTheNationalFormat() {
        assertThat(PhoneFormat.national("+19292038684")).isEqualTo("(929) 203-8684");
        assertThat(PhoneFormat.national("+442071838750")).isEqualTo("+44 20 7183 8750");
    }

    @Test
    void anInternationalNumberIsAcceptedWithItsCountryCode() {
        assertThat(phones.toE164("+44 20 7183 8750")).isEqualTo("+442071838750");
    }
}
