package org.parley.fhirexport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;

/** Key pairs made for a test, the private half written as the PEM file an admin would configure. */
final class TestKeys {

    /** A private key file, the key id it is registered under, and the pair. */
    record KeyFile(Path path, String keyId, KeyPair pair) {
    }

    private TestKeys() {
    }

    static KeyFile rsa(Path dir, String keyId) throws GeneralSecurityException, IOException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return write(dir, keyId, generator.generateKeyPair());
    }

    static KeyFile ecP384(Path dir, String keyId) throws GeneralSecurityException, IOException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp384r1"));
        return write(dir, keyId, generator.generateKeyPair());
    }

    /** PEM armour around DER, as openssl writes it. */
    static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static KeyFile write(Path dir, String keyId, KeyPair pair) throws IOException {
        Path file = dir.resolve(keyId + ".pem");
        // PKCS#8, what "openssl genpkey" writes
        Files.writeString(file, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
        return new KeyFile(file, keyId, pair);
    }
}
