package org.parley.encryption;

import java.time.Instant;
import java.util.List;

/**
 * What admins see of encryption at rest.
 *
 * @param keyFile            where the key file is (back it up separately from the database)
 * @param primaryKeyId       the key that encrypts new data
 * @param keys               every encryption key the key file or the database knows
 * @param notUnderPrimaryKey values under older keys or still in plaintext, which the job re-encrypts
 * @param progress           the re-encryption job
 */
public record EncryptionStatus(String keyFile, int primaryKeyId, List<Key> keys, long notUnderPrimaryKey,
                               ReencryptionProgress progress) {

    public EncryptionStatus {
        keys = List.copyOf(keys);
    }

    /**
     * One encryption key.
     *
     * @param id        its id, written in front of every value it encrypts
     * @param addedAt   when the database first saw it
     * @param retiredAt when the job last found no data left under it, or null
     * @param primary   whether it encrypts new data
     * @param inKeyFile whether the key file holds it (a retired key may have been removed)
     */
    public record Key(int id, Instant addedAt, Instant retiredAt, boolean primary, boolean inKeyFile) {
    }
}
