package org.parley.vonage;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RedactionTest {

    @Test
    void phoneNumbersInAnyUsualWritingAreRemoved() {
        assertThat(Redaction.redact("Invalid number 14155550123")).isEqualTo("Invalid number [number]");
        assertThat(Redaction.redact("to +1 (415) 555-0123 failed")).isEqualTo("to [number] failed");
        assertThat(Redaction.redact("msisdn 447700900000.")).isEqualTo("msisdn [number].");
    }

    @Test
    void shortCodesLikeVonagesErrorNumbersStay() {
        assertThat(Redaction.redact("1260 Unroutable (HTTP 422)")).isEqualTo("1260 Unroutable (HTTP 422)");
    }

    @Test
    void givenSecretsAreNeverEchoed() {
        assertThat(Redaction.redact("bad secret s3cr3t-value given", "s3cr3t-value"))
                .isEqualTo("bad secret [secret] given");
    }

    @Test
    void aLongStoryIsCutToASentence() {
        assertThat(Redaction.redact("word ".repeat(200))).hasSizeLessThanOrEqualTo(300);
    }

    @Test
    void phoneNumbersConvertBetweenVonagesAndParleysWriting() {
        assertThat(PhoneNumbers.toVonage("+14155550123")).isEqualTo("14155550123");
        assertThat(PhoneNumbers.toE164("14155550123")).isEqualTo("+14155550123");
        assertThat(PhoneNumbers.toE164("Unknown")).isNull();
        assertThat(PhoneNumbers.toVonage("+0123")).isNull();
    }
}
