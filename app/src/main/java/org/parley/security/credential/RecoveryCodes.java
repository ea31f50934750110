package org.parley.security.credential;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * One-time recovery codes for a lost phone: 80 random bits each, shown once as four groups of four Base32
 * characters. Only their SHA-256 is stored. A fast hash is enough here, unlike for passwords: 80 random bits
 * cannot be found by guessing, however fast each guess.
 */
public final class RecoveryCodes {

    static final int COUNT = 10;
    private static final SecureRandom RANDOM = new SecureRandom();

    private RecoveryCodes() {
    }

    public static List<String> generate() {
        List<String> codes = new ArrayList<>(COUNT);
        for (int i = 0; i < COUNT; i++) {
            byte[] random = new byte[10];
            RANDOM.nextBytes(random);
            String plain = Totp.Base32.encode(random);
            codes.add(plain.substring(0, 4) + "-" + plain.substring(4, 8) + "-" + plain.substring(8, 12) + "-"
                    + plain.substring(12, 16));
        }
        return codes;
    }

    /** What a person typed, the way codes are compared: no spaces or dashes, upper case. */
    static String normalise(String typed) {
        return typed == null ? "" : typed.replaceAll("[\\s-]", "").toUpperCase(Locale.ROOT);
    }

    /** Whether a typed text has the shape of a recovery code (and not of a 6-digit code). */
    public static boolean looksLikeOne(String typed) {
        return normalise(typed).matches("[A-Z2-7]{16}");
    }

    public static String hash(String code) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(normalise(code).getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
