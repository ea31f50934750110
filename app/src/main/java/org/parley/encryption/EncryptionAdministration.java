package org.parley.encryption;

import java.util.List;
import org.parley.audit.AuditAction;
import org.parley.audit.AuditLog;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/** What admins do about encryption at rest: see the keys and the job, rotate the key, run the job. */
@Service
public class EncryptionAdministration {

    private final KeyRing ring;
    private final KeyRegistry registry;
    private final Reencryption job;
    private final AuditLog audit;
    private final TransactionTemplate tx;

    EncryptionAdministration(KeyRing ring, KeyRegistry registry, Reencryption job, AuditLog audit,
                             TransactionTemplate tx) {
        this.tx = tx;
        this.ring = ring;
        this.registry = registry;
        this.job = job;
        this.audit = audit;
    }

    /** The keys, how much data is not under the primary key yet, and the job's progress (admins only). */
    @PreAuthorize("hasRole('ADMIN')")
    public EncryptionStatus status() {
        int primary = ring.primaryId();
        List<EncryptionStatus.Key> keys = registry.known().stream()
                .filter(key -> key.purpose().equals(KeyRegistry.DATA))
                .map(key -> new EncryptionStatus.Key(key.keyId(), key.addedAt(), key.retiredAt(),
                        key.keyId() == primary, ring.keyIds().contains(key.keyId())))
                .toList();
        return new EncryptionStatus(ring.file().toString(), primary, keys, job.notUnderPrimaryKey(), job.progress());
    }

    /** The re-encryption job's progress (admins only). */
    @PreAuthorize("hasRole('ADMIN')")
    public ReencryptionProgress progress() {
        return job.progress();
    }

    /**
     * Adds a new key to the key file, encrypts new data with it from now on, and starts the job that re-encrypts
     * the rest (admins only). Older keys stay in the file, so nothing becomes unreadable. The other nodes read the
     * shared key file again: they decrypt with the new key at once and encrypt with it within
     * {@code parley.encryption.key-file-check}.
     *
     * @return the new key's id
     * @throws IllegalStateException when the key file cannot be written (nothing changed then)
     */
    @PreAuthorize("hasRole('ADMIN')")
    public int rotate(String actor) {
        Integer keyId;
        try {
            keyId = tx.execute(status -> {
                KeyFile.Contents rotated = ring.withNewPrimary(registry.highestDataKeyId());
                int id = rotated.primaryId();
                // The id first (other nodes wait for it), then the file, then the commit: a failed write rolls the
                // reservation back, and a failed commit leaves a key in the file that the next start records.
                registry.reserve(id, rotated.keys().get(id));
                ring.write(rotated);
                audit.record(actor, AuditAction.ENCRYPTION_KEY_ROTATED, "encryption_key", String.valueOf(id), null);
                return id;
            });
        } catch (DuplicateKeyException e) {
            throw new IllegalStateException("Another admin rotated the key at the same moment; that new key is in "
                    + "use. Look at the keys again before rotating once more.");
        }
        job.start(actor);
        return keyId;
    }

    /**
     * Starts the re-encryption job (admins only).
     *
     * @return false when it is running already
     */
    @PreAuthorize("hasRole('ADMIN')")
    public boolean reencrypt(String actor) {
        boolean started = job.start(actor);
        if (started) {
            audit.record(actor, AuditAction.REENCRYPTION_STARTED, null, null, null);
        }
        return started;
    }
}
