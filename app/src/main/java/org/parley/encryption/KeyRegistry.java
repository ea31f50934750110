package org.parley.encryption;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What the database knows of the keys: each key's id and fingerprint (an HMAC of a fixed text under the key, which
 * tells keys apart without revealing them), when it was added, and when the re-encryption job last found no data
 * under it. At start, before Parley serves anyone, the key file must hold every key the database still has data
 * under, with the same fingerprint: a lost, swapped or mistyped key file stops the start with a clear message instead
 * of failing later on every encrypted row, or worse, encrypting new data under a key nobody backed up.
 */
@Component
class KeyRegistry implements SmartInitializingSingleton {

    static final String DATA = "DATA";
    static final String INDEX = "INDEX";
    /** The index key has no rotation yet; its row uses this id. */
    static final int INDEX_KEY_ID = 1;

    private static final byte[] FINGERPRINT_TEXT = "parley key fingerprint v1".getBytes(StandardCharsets.US_ASCII);

    private final KeyRing ring;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final Clock clock;

    KeyRegistry(KeyRing ring, JdbcTemplate jdbc, TransactionTemplate tx, Clock clock) {
        this.ring = ring;
        this.jdbc = jdbc;
        this.tx = tx;
        this.clock = clock;
    }

    /** Runs once every bean exists (Flyway has migrated), before the web server starts. */
    @Override
    public void afterSingletonsInstantiated() {
        checkAndRegister();
    }

    /** One known key. */
    record Known(String purpose, int keyId, String fingerprint, Instant addedAt, Instant retiredAt) {
    }

    List<Known> known() {
        return jdbc.query("select purpose, key_id, fingerprint, added_at, retired_at from encryption_key "
                        + "order by purpose, key_id",
                (rs, row) -> new Known(rs.getString(1), rs.getInt(2), rs.getString(3),
                        rs.getTimestamp(4).toInstant(),
                        rs.getTimestamp(5) == null ? null : rs.getTimestamp(5).toInstant()));
    }

    /**
     * Refuses a key file that cannot read this database, then records the keys the database has not seen yet.
     *
     * @throws IllegalStateException naming the key ids and the file (never a key)
     */
    void checkAndRegister() {
        tx.executeWithoutResult(status -> {
            List<Known> recorded = known();
            Map<String, Known> known = new HashMap<>();
            for (Known key : recorded) {
                known.put(key.purpose() + key.keyId(), key);
            }
            for (Known key : recorded) {
                SecretKey inFile = key.purpose().equals(INDEX) ? ring.indexKey()
                        : ring.keyIds().contains(key.keyId()) ? ring.key(key.keyId()) : null;
                if (inFile == null && key.retiredAt() == null) {
                    throw refused("does not hold key " + key.keyId() + ", under which this database has data");
                }
                if (inFile != null && !fingerprint(inFile).equals(key.fingerprint())) {
                    throw refused("holds a different " + (key.purpose().equals(INDEX) ? "word index key"
                            : "key " + key.keyId()) + " than the one this database's data was written with");
                }
            }
            Instant now = clock.instant();
            for (int id : ring.keyIds()) {
                if (!known.containsKey(DATA + id)) {
                    insert(DATA, id, ring.key(id), now);
                }
            }
            if (!known.containsKey(INDEX + INDEX_KEY_ID)) {
                insert(INDEX, INDEX_KEY_ID, ring.indexKey(), now);
            }
        });
    }

    /** Records that no data is left under any key but {@code primaryId}: those keys may leave the key file. */
    void retireAllBut(int primaryId) {
        jdbc.update("update encryption_key set retired_at = ? where purpose = ? and key_id <> ? and retired_at is null",
                Timestamp.from(clock.instant()), DATA, primaryId);
    }

    /** Records a key added by a rotation. */
    void registered(int keyId) {
        insert(DATA, keyId, ring.key(keyId), clock.instant());
    }

    /**
     * Reserves a new data key's id, in the caller's transaction, before the key goes into the file: two nodes
     * rotating at the same moment cannot both take the id (the second waits for the first and then fails).
     *
     * @throws org.springframework.dao.DuplicateKeyException when another node took the id
     */
    void reserve(int keyId, SecretKey key) {
        insert(DATA, keyId, key, clock.instant());
    }

    /** The highest data key id the database has seen (0 when none): a new key's id is above it. */
    int highestDataKeyId() {
        Integer highest = jdbc.queryForObject("select max(key_id) from encryption_key where purpose = ?",
                Integer.class, DATA);
        return highest == null ? 0 : highest;
    }

    private void insert(String purpose, int keyId, SecretKey key, Instant at) {
        jdbc.update("insert into encryption_key (purpose, key_id, fingerprint, added_at) values (?, ?, ?, ?)",
                purpose, keyId, fingerprint(key), Timestamp.from(at));
    }

    private IllegalStateException refused(String problem) {
        String hint = ring.createdNow()
                ? " No key file was found, so a new one was created, but it cannot read this database: put the key "
                        + "file from your backup at " + ring.file() + " (replacing the new one) and start again."
                : " Put the key file from your backup at " + ring.file() + " (or point parley.encryption.key-file at"
                        + " it) and start again.";
        return new IllegalStateException("Parley cannot start: the encryption key file " + ring.file() + " "
                + problem + "." + hint);
    }

    static String fingerprint(SecretKey key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Objects.requireNonNull(key.getEncoded()), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(FINGERPRINT_TEXT), 0, 16);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available in this Java runtime", e);
        }
    }
}
