package org.parley.security.credential;

import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Locale;
import java.util.OptionalLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Time-based one-time passwords as RFC 6238 defines them and authenticator apps (Google Authenticator, Authy,
 * Microsoft Authenticator, 1Password) read them: HMAC-SHA1, 30-second steps, 6 digits, the secret in Base32.
 */
public final class Totp {

    public static final int DIGITS = 6;
    static final long STEP_SECONDS = 30;
    /** Steps either side of now that are accepted: a phone's clock may be half a minute off. */
    private static final int DRIFT_STEPS = 1;
    private static final SecureRandom RANDOM = new SecureRandom();

    private Totp() {
    }

    /** A new secret: 160 random bits (RFC 4226's recommended length), Base32 without padding. */
    public static String newSecret() {
        byte[] secret = new byte[20];
        RANDOM.nextBytes(secret);
        return Base32.encode(secret);
    }

    /** The time step an instant falls in. */
    public static long step(Instant time) {
        return Math.floorDiv(time.getEpochSecond(), STEP_SECONDS);
    }

    /** The code of one time step (RFC 4226 dynamic truncation, RFC 6238 counter). */
    public static String code(String base32Secret, long step) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(Base32.decode(base32Secret), "HmacSHA1"));
            byte[] hash = mac.doFinal(ByteBuffer.allocate(8).putLong(step).array());
            int offset = hash[hash.length - 1] & 0x0f;
            int binary = ((hash[offset] & 0x7f) << 24) | ((hash[offset + 1] & 0xff) << 16)
                    | ((hash[offset + 2] & 0xff) << 8) | (hash[offset + 3] & 0xff);
            return String.format("%0" + DIGITS + "d", binary % 1_000_000);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has HmacSHA1", e);
        }
    }

    /**
     * The step whose code {@code code} is, within the allowed drift around {@code now}; empty when it is none.
     * Every candidate is compared, in constant time, so the answer's timing tells nothing.
     */
    public static OptionalLong matchingStep(String base32Secret, String code, Instant now) {
        byte[] typed = code.getBytes(StandardCharsets.US_ASCII);
        long current = step(now);
        long found = Long.MIN_VALUE;
        for (long step = current - DRIFT_STEPS; step <= current + DRIFT_STEPS; step++) {
            if (MessageDigest.isEqual(typed,
                    code(base32Secret, step).getBytes(StandardCharsets.US_ASCII))) {
                found = step;
            }
        }
        return found == Long.MIN_VALUE ? OptionalLong.empty() : OptionalLong.of(found);
    }

    /** The {@code otpauth://} URI an authenticator app reads from the QR code (Key Uri Format). */
    public static String otpauthUri(String issuer, String account, String base32Secret) {
        String label = encode(issuer) + ":" + encode(account);
        return "otpauth://totp/" + label + "?secret=" + base32Secret + "&issuer=" + encode(issuer)
                + "&algorithm=SHA1&digits=" + DIGITS + "&period=" + STEP_SECONDS;
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** RFC 4648 Base32, upper case, no padding: what authenticator apps expect. */
    static final class Base32 {

        private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

        private Base32() {
        }

        static String encode(byte[] data) {
            StringBuilder out = new StringBuilder((data.length * 8 + 4) / 5);
            int buffer = 0;
            int bits = 0;
            for (byte b : data) {
                buffer = (buffer << 8) | (b & 0xff);
                bits += 8;
                while (bits >= 5) {
                    out.append(ALPHABET.charAt((buffer >> (bits - 5)) & 0x1f));
                    bits -= 5;
                }
            }
            if (bits > 0) {
                out.append(ALPHABET.charAt((buffer << (5 - bits)) & 0x1f));
            }
            return out.toString();
        }

        /**
         * Decodes Base32, ignoring case, spaces and padding.
         *
         * @throws IllegalArgumentException for any other character
         */
        static byte[] decode(String text) {
            String clean = text.replaceAll("[\\s=]", "").toUpperCase(Locale.ROOT);
            byte[] out = new byte[clean.length() * 5 / 8];
            int buffer = 0;
            int bits = 0;
            int index = 0;
            for (char c : clean.toCharArray()) {
                int value = ALPHABET.indexOf(c);
                if (value < 0) {
                    throw new IllegalArgumentException("not Base32");
                }
                buffer = (buffer << 5) | value;
                bits += 5;
                if (bits >= 8) {
                    out[index++] = (byte) (buffer >> (bits - 8));
                    bits -= 8;
                }
            }
            return out;
        }
    }
}
