package org.parley.outbound;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The token in a public media link: {@code <media id>.<expiry, epoch seconds>.<HMAC-SHA256 of both>}. Nothing is
 * stored per link; whoever holds an unexpired token may fetch that one attachment, and nothing else can be derived
 * from it. The id and expiry say nothing about the patient.
 */
final class MediaLinkSigner {

    private static final String ALGORITHM = "HmacSHA256";
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private final SecretKeySpec key;

    MediaLinkSigner(byte[] key) {
        if (key.length < 32) {
            throw new IllegalArgumentException("a media link key has at least 32 bytes");
        }
        this.key = new SecretKeySpec(key, ALGORITHM);
    }

    /** A token for one attachment, valid until {@code expiresAt}. */
    String token(long mediaId, Instant expiresAt) {
        String signed = mediaId + "." + expiresAt.getEpochSecond();
        return signed + "." + BASE64URL.encodeToString(mac(signed));
    }

    /** The attachment a token is for, when it is genuine and not expired at {@code now}. */
    Optional<Long> verify(String token, Instant now) {
        String[] parts = token == null ? new String[0] : token.split("\\.", -1);
        if (parts.length != 3 || !parts[0].matches("[0-9]{1,18}") || !parts[1].matches("[0-9]{1,18}")) {
            return Optional.empty();
        }
        byte[] given;
        try {
            given = Base64.getUrlDecoder().decode(parts[2]);
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
        // Compared in constant time, so the answer's timing tells nothing about a correct signature.
        if (!MessageDigest.isEqual(mac(parts[0] + "." + parts[1]), given)) {
            return Optional.empty();
        }
        if (!now.isBefore(Instant.ofEpochSecond(Long.parseLong(parts[1])))) {
            return Optional.empty();
        }
        return Optional.of(Long.parseLong(parts[0]));
    }

    private byte[] mac(String signed) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac.doFinal(("parley-media:" + signed).getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }
}
