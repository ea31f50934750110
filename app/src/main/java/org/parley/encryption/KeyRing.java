package org.parley.encryption;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.NavigableSet;
import java.util.TreeSet;
import javax.crypto.SecretKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The keys of {@code parley.encryption.key-file}, loaded at start; the file is created (and the log says where) when
 * there is none. A rotation writes the file first and only then encrypts with the new key, so nothing is ever
 * encrypted under a key that is not on disk.
 */
@Component
class KeyRing {

    private static final Logger log = LoggerFactory.getLogger(KeyRing.class);

    private final Path file;
    private final boolean createdNow;
    private volatile KeyFile.Contents contents;

    KeyRing(@Value("${parley.encryption.key-file:./data/parley.keys}") Path file) {
        this.file = file.toAbsolutePath().normalize();
        boolean created = false;
        if (!Files.exists(this.file)) {
            try {
                KeyFile.create(this.file, KeyFile.fresh());
                created = true;
                log.warn("Created a new encryption key file at {}. Back it up now, and separately from the database: "
                        + "without it the encrypted messages, attachments and secrets cannot be read.", this.file);
            } catch (FileAlreadyExistsException e) {
                // another Parley (or test) created it a moment ago: use theirs
            }
        }
        this.createdNow = created;
        this.contents = KeyFile.read(this.file);
        if (KeyFile.readableByOthers(this.file)) {
            log.warn("The encryption key file {} can be read by other accounts than its owner; "
                    + "make it readable by Parley's account only (chmod 600).", this.file);
        }
    }

    /** The file the keys live in. */
    Path file() {
        return file;
    }

    /** Whether this start created the key file (it had none). */
    boolean createdNow() {
        return createdNow;
    }

    /** The id of the key that encrypts new data. */
    int primaryId() {
        return contents.primaryId();
    }

    /** The key that encrypts new data, with its id: read together, so a rotation meanwhile cannot mismatch them. */
    Primary primary() {
        KeyFile.Contents current = contents;
        return new Primary(current.primaryId(), current.keys().get(current.primaryId()));
    }

    /** The primary key and its id. */
    record Primary(int id, SecretKey key) {
    }

    /**
     * A key by id.
     *
     * @throws DecryptionFailedException when the key file does not hold it
     */
    SecretKey key(int id) {
        SecretKey key = contents.keys().get(id);
        if (key == null) {
            throw new DecryptionFailedException("An encrypted value names key " + id + ", which the key file " + file
                    + " does not hold: restore the key file that has it.", null);
        }
        return key;
    }

    /** Every key id the file holds, lowest first. */
    NavigableSet<Integer> keyIds() {
        return new TreeSet<>(contents.keys().keySet());
    }

    /** The HMAC key of the word index. */
    SecretKey indexKey() {
        return contents.indexKey();
    }

    /**
     * Adds a new key, makes it the primary and writes the file.
     *
     * @return the new key's id
     * @throws IllegalStateException when the file cannot be written (nothing changed then)
     */
    synchronized int rotate() {
        KeyFile.Contents rotated = KeyFile.withNewPrimary(contents);
        try {
            KeyFile.replace(file, rotated);
        } catch (IOException e) {
            throw new IllegalStateException("The encryption key file " + file + " cannot be written (" + e.getMessage()
                    + "). Add a key by hand instead: see \"Encryption at rest\" in the README.", e);
        }
        contents = rotated;
        log.info("Encryption key {} added to {}: it encrypts new data from now on. Back up the key file again.",
                rotated.primaryId(), file);
        return rotated.primaryId();
    }
}
