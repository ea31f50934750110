package org.parley.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Public media links: signed, expiring, and worthless when anything in them is changed. */
class MediaLinkSignerTest {

    private static final Instant NOW = Instant.parse("2026-03-09T14:00:00Z");
    private static final byte[] KEY = filled(32, 7);
    private final MediaLinkSigner signer = new MediaLinkSigner(KEY);

    private static byte[] filled(int length, int value) {
        byte[] bytes = new byte[length];
        Arrays.fill(bytes, (byte) value);
        return bytes;
    }

    @Test
    void aTokenLeadsToItsAttachmentUntilItExpires() {
        String token = signer.token(42, NOW.plusSeconds(3600));

        assertThat(token).startsWith("42.").matches("[0-9]+\\.[0-9]+\\.[A-Za-z0-9_-]{43}");
        assertThat(signer.verify(token, NOW)).contains(42L);
        assertThat(signer.verify(token, NOW.plusSeconds(3599))).contains(42L);
        assertThat(signer.verify(token, NOW.plusSeconds(3600))).isEmpty();
    }

    @Test
    void changingTheAttachmentTheExpiryOrTheSignatureMakesTheTokenWorthless() {
        String token = signer.token(42, NOW.plusSeconds(3600));
        String[] parts = token.split("\\.");

        assertThat(signer.verify("43." + parts[1] + "." + parts[2], NOW)).isEmpty();
        assertThat(signer.verify(parts[0] + "." + (Long.parseLong(parts[1]) + 86400) + "." + parts[2], NOW)).isEmpty();
        char last = parts[2].charAt(parts[2].length() - 1);
        String forged = parts[2].substring(0, parts[2].length() - 1) + (last == 'A' ? 'B' : 'A');
        assertThat(signer.verify(parts[0] + "." + parts[1] + "." + forged, NOW)).isEmpty();
    }

    @Test
    void aTokenSignedWithAnotherKeyIsRefused() {
        String elsewhere = new MediaLinkSigner(filled(32, 8)).token(42, NOW.plusSeconds(3600));

        assertThat(signer.verify(elsewhere, NOW)).isEmpty();
    }

    @Test
    void garbageIsRefusedWithoutAnError() {
        for (String garbage : new String[] {null, "", "42", "42.1", "42.x.abc", "-1.99999999999.abc", "42.1.%%%",
                "42.99999999999999999999.abc", "a.b.c.d"}) {
            assertThat(signer.verify(garbage, NOW)).as(garbage).isEmpty();
        }
    }
}
