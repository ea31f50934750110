package org.parley.sandbox;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The sandbox carrier's signature: Base64 of HMAC-SHA256 over the full URL, a newline and the raw body,
 * keyed by the line's signing secret. Both directions (carrier to Parley, Parley to carrier) use it.
 */
final class SandboxSignature {

    static final String HEADER = "X-Sandbox-Signature";

    private SandboxSignature() {
    }

    static String sign(String secret, URI url, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update(url.toString().getBytes(StandardCharsets.UTF_8));
            mac.update((byte) '\n');
            mac.update(body);
            return Base64.getEncoder().encodeToString(mac.doFinal());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    static boolean matches(String secret, URI url, byte[] body, String signature) {
        if (signature == null || signature.isBlank()) {
            return false;
        }
        byte[] expected = sign(secret, url, body).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, signature.trim().getBytes(StandardCharsets.US_ASCII));
    }
}
