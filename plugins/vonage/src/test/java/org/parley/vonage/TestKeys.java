package org.parley.vonage;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;

/** An application key pair made for the tests, as Vonage's dashboard would hand out the private half. */
final class TestKeys {

    private static final KeyPair PAIR = generate();

    private TestKeys() {
    }

    /** The private key as PEM (PKCS#8), the text of a downloaded private.key. */
    static String privateKeyPem() {
        String base64 = Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(PAIR.getPrivate().getEncoded());
        return "-----BEGIN PRIVATE KEY-----\n" + base64 + "\n-----END PRIVATE KEY-----\n";
    }

    static RSAPublicKey publicKey() {
        return (RSAPublicKey) PAIR.getPublic();
    }

    private static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
