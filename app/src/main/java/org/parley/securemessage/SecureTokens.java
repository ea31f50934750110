package org.parley.securemessage;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.parley.encryption.RowBinding;
import org.parley.encryption.RowBoundColumn;
import org.parley.encryption.RowBoundEncryption;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The tokens of secure links and the cookies of remembered browsers. A link's token is the HMAC-SHA256, under a key
 * Parley keeps sealed in {@code signing_key} (row {@code secure-links}, the column the re-encryption job covers), of a
 * 128-bit random nonce stored with the link: so it is signed, unguessable, and can be texted again in a reminder, while
 * the database holds only the nonce and the token's SHA-256 (a dump opens no link). A cookie is 256 random bits, kept
 * only as its SHA-256.
 */
@Component
class SecureTokens {

    private static final String KEY_NAME = "secure-links";
    private static final RowBinding KEY_PLACE = new RowBoundColumn("signing_key", "name", "key_value").at(KEY_NAME);
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;
    private final RowBoundEncryption sealing;
    private final TransactionTemplate ownTransaction;
    private final Clock clock;
    private volatile SecretKeySpec key;

    SecureTokens(JdbcClient jdbc, RowBoundEncryption sealing, PlatformTransactionManager transactions, Clock clock) {
        this.jdbc = jdbc;
        this.sealing = sealing;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.clock = clock;
    }

    /** A fresh nonce for a new link: 128 random bits. */
    static String newNonce() {
        byte[] nonce = new byte[16];
        RANDOM.nextBytes(nonce);
        return BASE64URL.encodeToString(nonce);
    }

    /** A fresh cookie value for a remembered browser: 256 random bits. */
    static String newCookie() {
        byte[] value = new byte[32];
        RANDOM.nextBytes(value);
        return BASE64URL.encodeToString(value);
    }

    /** The link's token for its nonce. */
    String token(String nonce) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key());
            return BASE64URL.encodeToString(mac.doFinal(("parley-secure-link:" + nonce)
                    .getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    /** What is stored of a token or cookie: its SHA-256 in hex; {@code null} for something that cannot be one. */
    static String hash(String secret) {
        if (secret == null || secret.length() < 20 || secret.length() > 60 || !secret.matches("[A-Za-z0-9_-]+")) {
            return null;
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(secret.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    private SecretKeySpec key() {
        SecretKeySpec current = key;
        if (current == null) {
            current = new SecretKeySpec(Base64.getDecoder().decode(keptKey()), "HmacSHA256");
            key = current;
        }
        return current;
    }

    /** The kept key, generated on first use; another node generating it at the same moment wins the race. */
    private String keptKey() {
        String kept = read();
        if (kept != null) {
            return sealing.decrypt(KEY_PLACE, kept);
        }
        byte[] fresh = new byte[32];
        RANDOM.nextBytes(fresh);
        String encoded = Base64.getEncoder().encodeToString(fresh);
        try {
            ownTransaction.executeWithoutResult(status -> jdbc.sql(
                            "insert into signing_key (name, key_value, created_at) values (?, ?, ?)")
                    .params(KEY_NAME, sealing.encrypt(KEY_PLACE, encoded), Timestamp.from(clock.instant())).update());
            return encoded;
        } catch (DataIntegrityViolationException generatedElsewhere) {
            return sealing.decrypt(KEY_PLACE, read());
        }
    }

    private String read() {
        return ownTransaction.execute(status -> jdbc.sql("select key_value from signing_key where name = ?")
                .param(KEY_NAME).query(String.class).optional().orElse(null));
    }
}
