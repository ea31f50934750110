package org.parley.encryption;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.NavigableSet;
import java.util.TreeSet;
import javax.crypto.SecretKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The keys of {@code parley.encryption.key-file}, loaded at start; the file is created (and the log says where) when
 * there is none. Several nodes share one key file (a shared folder, see the README): a node re-reads it when it has
 * changed, checked at most every {@code parley.encryption.key-file-check} before it encrypts, and at once when a value
 * names a key it does not hold yet. So a key rotated on one node decrypts on every node at once and encrypts their new
 * data within that interval, without a restart. A rotation writes the file first and only then encrypts with the new
 * key, so nothing is ever encrypted under a key that is not on disk.
 */
@Component
class KeyRing {

    private static final Logger log = LoggerFactory.getLogger(KeyRing.class);
    /** A value naming a key the ring lacks re-reads the file at most this often (a damaged value must not hammer it). */
    private static final Duration MISS_RELOAD = Duration.ofSeconds(1);

    private final Path file;
    private final boolean createdNow;
    private final Duration checkInterval;
    private volatile KeyFile.Contents contents;
    private volatile FileStamp stamp;
    private volatile long nextCheck;
    private volatile long nextMissReload;

    /** What tells a changed file: its modification time and size. */
    private record FileStamp(FileTime modified, long size) {
    }

    /** A ring on {@code file} that looks for changes every 5 s. */
    KeyRing(Path file) {
        this(file, Duration.ofSeconds(5));
    }

    @Autowired
    KeyRing(EncryptionSettings settings) {
        this(settings.keyFile(), settings.keyFileCheck());
    }

    /** A ring on {@code file} that looks for changes every {@code checkInterval}. */
    KeyRing(Path file, Duration checkInterval) {
        if (checkInterval.isNegative()) {
            throw new IllegalStateException("parley.encryption.key-file-check must not be negative, e.g. 5s");
        }
        this.checkInterval = checkInterval;
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
        this.stamp = stampOf(this.file);
        this.contents = KeyFile.read(this.file);
        this.nextCheck = System.nanoTime() + checkInterval.toNanos();
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
        return current().primaryId();
    }

    /** The key that encrypts new data, with its id: read together, so a rotation meanwhile cannot mismatch them. */
    Primary primary() {
        KeyFile.Contents current = current();
        return new Primary(current.primaryId(), current.keys().get(current.primaryId()));
    }

    /** The primary key and its id. */
    record Primary(int id, SecretKey key) {
    }

    /**
     * A key by id; one the ring lacks sends it to the file first (another node may have rotated a moment ago).
     *
     * @throws DecryptionFailedException when the key file does not hold it
     */
    SecretKey key(int id) {
        SecretKey key = contents.keys().get(id);
        if (key == null && System.nanoTime() - nextMissReload >= 0) {
            nextMissReload = System.nanoTime() + MISS_RELOAD.toNanos();
            reloadIfChanged();
            key = contents.keys().get(id);
        }
        if (key == null) {
            throw new DecryptionFailedException("An encrypted value names key " + id + ", which the key file " + file
                    + " does not hold: restore the key file that has it.", null);
        }
        return key;
    }

    /** Every key id the file holds, lowest first. */
    NavigableSet<Integer> keyIds() {
        return new TreeSet<>(current().keys().keySet());
    }

    /** The HMAC key of the word index. */
    SecretKey indexKey() {
        return contents.indexKey();
    }

    /**
     * The keys as they are in the file now, with a new key one above both the highest id in the file and
     * {@code highestKnown} (ids the database has seen, so a key id is never used twice). Writes nothing.
     */
    KeyFile.Contents withNewPrimary(int highestKnown) {
        reloadIfChanged();
        KeyFile.Contents current = contents;
        int highestInFile = current.keys().keySet().stream().mapToInt(Integer::intValue).max().orElse(0);
        return KeyFile.withNewPrimary(current, Math.max(highestInFile, highestKnown) + 1);
    }

    /**
     * Adds a new key to the file and makes it the primary, without asking the database (single-node tests; the admin's
     * rotation goes through {@link EncryptionAdministration#rotate}, which reserves the id in the database first).
     *
     * @return the new key's id
     */
    int rotate() {
        KeyFile.Contents rotated = withNewPrimary(0);
        write(rotated);
        return rotated.primaryId();
    }

    /**
     * Writes rotated keys to the file and encrypts new data with the new primary from now on.
     *
     * @throws IllegalStateException when the file cannot be written (nothing changed then)
     */
    void write(KeyFile.Contents rotated) {
        try {
            KeyFile.replace(file, rotated);
        } catch (IOException e) {
            throw new IllegalStateException("The encryption key file " + file + " cannot be written (" + e.getMessage()
                    + "). Add a key by hand instead: see \"Encryption at rest\" in the README.", e);
        }
        contents = rotated;
        stamp = stampOf(file);
        log.info("Encryption key {} added to {}: it encrypts new data from now on. Back up the key file again.",
                rotated.primaryId(), file);
    }

    /** The keys, read again first when the check interval has passed and the file has changed. */
    private KeyFile.Contents current() {
        long now = System.nanoTime();
        if (now - nextCheck >= 0) {
            nextCheck = now + checkInterval.toNanos();
            reloadIfChanged();
        }
        return contents;
    }

    /**
     * Reads the file again when it changed. A file that cannot be read, or that holds a different key under an id
     * the ring knows (another installation's file, a typo), is refused and the keys in use stay (logged); keys may
     * leave the file (retired ones) and new keys may come (a rotation on another node, or by hand).
     */
    synchronized void reloadIfChanged() {
        FileStamp now = stampOf(file);
        if (now == null || now.equals(stamp)) {
            return;
        }
        KeyFile.Contents read;
        try {
            read = KeyFile.read(file);
        } catch (RuntimeException e) {
            // KeyFile's messages name the file and the entry, never a key; the next change is read again
            log.error("The changed encryption key file could not be read, the keys in use stay: {}", e.getMessage());
            stamp = now;
            return;
        }
        KeyFile.Contents known = contents;
        for (Map.Entry<Integer, SecretKey> key : read.keys().entrySet()) {
            SecretKey held = known.keys().get(key.getKey());
            if (held != null && !Arrays.equals(held.getEncoded(), key.getValue().getEncoded())) {
                log.error("The changed encryption key file {} holds a different key {} than the one in use; it is "
                        + "ignored and the keys in use stay: restore the right file", file, key.getKey());
                stamp = now;
                return;
            }
        }
        if (!Arrays.equals(known.indexKey().getEncoded(), read.indexKey().getEncoded())) {
            log.error("The changed encryption key file {} holds a different word index key; it is ignored", file);
            stamp = now;
            return;
        }
        contents = read;
        stamp = now;
        if (read.primaryId() != known.primaryId()) {
            log.info("Encryption key {} from {} encrypts new data from now on", read.primaryId(), file);
        }
    }

    private static FileStamp stampOf(Path file) {
        try {
            return new FileStamp(Files.getLastModifiedTime(file), Files.size(file));
        } catch (IOException e) {
            return null;
        }
    }
}
