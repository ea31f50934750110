package org.parley.simulator;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The carrier's side of the sandbox signature (HMAC-SHA256 over URL, newline, body). The sandbox plugin
 * implements the practice's side; they are two parties of one protocol, as Twilio and its SDK are.
 */
final class CarrierSignature {

    static final String HEADER = "X-Sandbox-Signature";

    private CarrierSignature() {
    }

    static String of(String secret, URI url, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update(url.toString().getBytes(StandardCharsets.UTF_8));
            mac.update((byte) '\n');
            return Base64.getEncoder().encodeToString(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    static boolean valid(String secret, URI url, byte[] body, String signature) {
        return signature != null && MessageDigest.isEqual(of(secret, url, body).getBytes(StandardCharsets.US_ASCII),
                signature.trim().getBytes(StandardCharsets.US_ASCII));
    }
}
