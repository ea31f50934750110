package org.parley.security.credential;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TotpTest {

    /** RFC 6238 appendix B's SHA1 key, "12345678901234567890", in Base32. */
    private static final String RFC_SECRET = Totp.Base32.encode("12345678901234567890".getBytes(StandardCharsets.US_ASCII));

    private static String codeAt(long epochSecond) {
        return Totp.code(RFC_SECRET, Totp.step(Instant.ofEpochSecond(epochSecond)));
    }

    @Test
    void codesAreThoseOfRfc6238TruncatedToSixDigits() {
        // RFC 6238 gives 8 digits; 6-digit codes are their last six.
        assertThat(codeAt(59)).isEqualTo("287082");
        assertThat(codeAt(1111111109)).isEqualTo("081804");
        assertThat(codeAt(1111111111)).isEqualTo("050471");
        assertThat(codeAt(1234567890)).isEqualTo("005924");
        assertThat(codeAt(2000000000)).isEqualTo("279037");
        assertThat(codeAt(20000000000L)).isEqualTo("353130");
    }

    @Test
    void base32IsRfc4648WithoutPaddingAndReadsBackIgnoringCaseAndSpaces() {
        assertThat(Totp.Base32.encode("foobar".getBytes(StandardCharsets.US_ASCII))).isEqualTo("MZXW6YTBOI");
        assertThat(new String(Totp.Base32.decode("mzxw 6ytb oi"), StandardCharsets.US_ASCII)).isEqualTo("foobar");
        assertThat(Totp.newSecret()).matches("[A-Z2-7]{32}");
        assertThat(Totp.newSecret()).isNotEqualTo(Totp.newSecret());
    }

    @Test
    void aCodeOfTheStepBeforeOrAfterIsAcceptedButNotTwoStepsAway() {
        String secret = Totp.newSecret();
        Instant now = Instant.parse("2026-05-04T10:00:15Z");
        long step = Totp.step(now);

        assertThat(Totp.matchingStep(secret, Totp.code(secret, step), now)).hasValue(step);
        assertThat(Totp.matchingStep(secret, Totp.code(secret, step - 1), now)).hasValue(step - 1);
        assertThat(Totp.matchingStep(secret, Totp.code(secret, step + 1), now)).hasValue(step + 1);
        assertThat(Totp.matchingStep(secret, Totp.code(secret, step - 2), now)).isEmpty();
        assertThat(Totp.matchingStep(secret, "12345", now)).isEmpty();
    }

    @Test
    void theOtpauthUriIsTheKeyUriFormatAuthenticatorAppsRead() {
        assertThat(Totp.otpauthUri("Parley", "dr.ada", "JBSWY3DPEHPK3PXP")).isEqualTo(
                "otpauth://totp/Parley:dr.ada?secret=JBSWY3DPEHPK3PXP&issuer=Parley&algorithm=SHA1&digits=6&period=30");
    }

    @Test
    void theQrCodeReadsBackAsTheOtpauthUri() throws Exception {
        String uri = Totp.otpauthUri("Parley", "dr.ada", Totp.newSecret());
        BitMatrix matrix = QrCodes.matrix(uri);
        int scale = 4;
        int width = matrix.getWidth() * scale;
        int height = matrix.getHeight() * scale;
        int[] pixels = new int[width * height];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                pixels[y * width + x] = matrix.get(x / scale, y / scale) ? 0xff000000 : 0xffffffff;
            }
        }

        String read = new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(
                new RGBLuminanceSource(width, height, pixels)))).getText();

        assertThat(read).isEqualTo(uri);
        assertThat(QrCodes.svgDataUri(uri)).startsWith("data:image/svg+xml;base64,");
    }

    @Test
    void recoveryCodesAreTenDistinctEightyBitCodesComparedWithoutDashesOrCase() {
        var codes = RecoveryCodes.generate();

        assertThat(codes).hasSize(10).doesNotHaveDuplicates()
                .allSatisfy(code -> assertThat(code).matches("[A-Z2-7]{4}(-[A-Z2-7]{4}){3}"));
        String code = codes.getFirst();
        assertThat(RecoveryCodes.hash(code.toLowerCase().replace("-", " "))).isEqualTo(RecoveryCodes.hash(code))
                .matches("[0-9a-f]{64}").doesNotContain(code);
        assertThat(RecoveryCodes.looksLikeOne(code)).isTrue();
        assertThat(RecoveryCodes.looksLikeOne("123456")).isFalse();
    }
}
