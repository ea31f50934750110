package org.parley.fhirexport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The private key Parley signs its SMART client assertions with, read from a PEM file (PKCS#8): an RSA key (2048
 * bits or more) signs RS384, an EC key on P-384 signs ES384, the two algorithms SMART Backend Services names.
 * {@link #toString()} never shows the key.
 *
 * @param key       the key
 * @param algorithm {@code RS384} or {@code ES384}, for the JWT header
 */
record SigningKey(PrivateKey key, String algorithm) {

    private static final Pattern PEM = Pattern.compile(
            "-----BEGIN ([A-Z ]+)-----([A-Za-z0-9+/=\\s]+)-----END \\1-----");
    private static final String SETTING = "(setting '" + ExporterSettings.PRIVATE_KEY_FILE + "')";

    /**
     * Reads the key file.
     *
     * @throws EhrFailure (permanent) saying what is wrong with the file, never its content
     */
    static SigningKey read(Path file) throws EhrFailure {
        String pem;
        try {
            pem = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw EhrFailure.permanent("The private key file cannot be read " + SETTING
                    + ": check that it exists and that Parley's user may read it.");
        }
        Matcher matcher = PEM.matcher(pem);
        if (!matcher.find()) {
            throw EhrFailure.permanent("The private key file holds no PEM key " + SETTING + ".");
        }
        switch (matcher.group(1)) {
            case "PRIVATE KEY" -> {
                // below
            }
            case "ENCRYPTED PRIVATE KEY" -> throw EhrFailure.permanent("The private key file is encrypted " + SETTING
                    + ": Parley needs it unencrypted (PKCS#8) in a file only Parley's user may read.");
            case "RSA PRIVATE KEY", "EC PRIVATE KEY" -> throw EhrFailure.permanent("The private key file is not "
                    + "PKCS#8 " + SETTING + ": convert it with openssl pkcs8 -topk8 -nocrypt -in old.pem -out key.pem");
            default -> throw EhrFailure.permanent("The private key file holds no private key " + SETTING + ".");
        }
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(Base64.getMimeDecoder().decode(matcher.group(2)));
        PrivateKey key = generate("RSA", spec);
        if (key == null) {
            key = generate("EC", spec);
        }
        if (key instanceof RSAPrivateKey rsa) {
            if (rsa.getModulus().bitLength() < 2048) {
                throw EhrFailure.permanent("The RSA key is too short " + SETTING + ": SMART needs 2048 bits or more.");
            }
            return new SigningKey(key, "RS384");
        }
        if (key instanceof ECPrivateKey ec) {
            if (ec.getParams().getCurve().getField().getFieldSize() != 384) {
                throw EhrFailure.permanent("The EC key is not on the P-384 curve " + SETTING
                        + ": ES384 needs a P-384 key.");
            }
            return new SigningKey(key, "ES384");
        }
        throw EhrFailure.permanent("The private key file holds neither an RSA nor an EC key " + SETTING + ".");
    }

    /** The JWS signature of {@code data}: PKCS#1 v1.5 for RS384, the raw R‖S form JWS wants for ES384. */
    byte[] sign(byte[] data) {
        try {
            Signature signature = Signature.getInstance(
                    "RS384".equals(algorithm) ? "SHA384withRSA" : "SHA384withECDSAinP1363Format");
            signature.initSign(key);
            signature.update(data);
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("signing with a key that was read fine failed: " + e.getClass().getName());
        }
    }

    private static PrivateKey generate(String type, PKCS8EncodedKeySpec spec) {
        try {
            return KeyFactory.getInstance(type).generatePrivate(spec);
        } catch (GeneralSecurityException e) {
            return null;
        }
    }

    @Override
    public String toString() {
        return "SigningKey[" + algorithm + "]";
    }
}
