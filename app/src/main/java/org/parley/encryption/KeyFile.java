package org.parley.encryption;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The key file: a small properties file outside the database, readable by the account Parley runs as only.
 *
 * <pre>
 * primary=2          # the key that encrypts new data
 * key.1=...          # Base64 of 32 random bytes (AES-256); kept to read data from before a rotation
 * key.2=...
 * index=...          # Base64 of 32 random bytes: the HMAC key of the message word index
 * </pre>
 *
 * Plain text on purpose: an operator can read which keys it holds, back it up, and add a key by hand
 * ({@code openssl rand -base64 32}) when the file is mounted read-only. Every error names the file and the entry,
 * never a key.
 */
final class KeyFile {

    static final String PRIMARY = "primary";
    static final String KEY_PREFIX = "key.";
    static final String INDEX = "index";
    static final int KEY_BYTES = 32;

    private static final SecureRandom RANDOM = new SecureRandom();

    /** What the file holds. */
    record Contents(int primaryId, Map<Integer, SecretKey> keys, SecretKey indexKey) {
        Contents {
            keys = Map.copyOf(keys);
        }
    }

    private KeyFile() {
    }

    /** A fresh key file's contents: key 1 and an index key. */
    static Contents fresh() {
        return new Contents(1, Map.of(1, newAesKey()), new SecretKeySpec(randomBytes(), "HmacSHA256"));
    }

    /** The same keys plus a new primary key, one above the highest id. */
    static Contents withNewPrimary(Contents current) {
        return withNewPrimary(current, current.keys().keySet().stream().mapToInt(Integer::intValue).max().orElse(0) + 1);
    }

    /** The same keys plus a new primary key under {@code id}, an id the file does not use. */
    static Contents withNewPrimary(Contents current, int id) {
        if (current.keys().containsKey(id)) {
            throw new IllegalArgumentException("The key file holds key " + id + " already");
        }
        Map<Integer, SecretKey> keys = new TreeMap<>(current.keys());
        keys.put(id, newAesKey());
        return new Contents(id, keys, current.indexKey());
    }

    static Contents read(Path file) {
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(in);
        } catch (IOException e) {
            throw new IllegalStateException("The encryption key file " + file + " cannot be read: " + e.getMessage(), e);
        }
        Map<Integer, SecretKey> keys = new TreeMap<>();
        for (String name : properties.stringPropertyNames()) {
            if (name.startsWith(KEY_PREFIX)) {
                int id = keyId(file, name.substring(KEY_PREFIX.length()), name);
                keys.put(id, new SecretKeySpec(keyBytes(file, name, properties.getProperty(name)), "AES"));
            }
        }
        String primary = properties.getProperty(PRIMARY);
        if (primary == null) {
            throw new IllegalStateException("The encryption key file " + file + " has no '" + PRIMARY + "' entry.");
        }
        int primaryId = keyId(file, primary.strip(), PRIMARY);
        if (!keys.containsKey(primaryId)) {
            throw new IllegalStateException("The encryption key file " + file + " names key " + primaryId
                    + " as primary but has no '" + KEY_PREFIX + primaryId + "' entry.");
        }
        String index = properties.getProperty(INDEX);
        if (index == null) {
            throw new IllegalStateException("The encryption key file " + file + " has no '" + INDEX + "' entry.");
        }
        return new Contents(primaryId, keys, new SecretKeySpec(keyBytes(file, INDEX, index), "HmacSHA256"));
    }

    /**
     * Writes a new key file where there is none.
     *
     * @throws FileAlreadyExistsException when another process created it meanwhile
     */
    static void create(Path file, Contents contents) throws FileAlreadyExistsException {
        try {
            Path temporary = writeTemporary(file, contents);
            try {
                // Without REPLACE_EXISTING: never overwrite keys someone else just wrote.
                Files.move(temporary, file);
            } finally {
                Files.deleteIfExists(temporary);
            }
        } catch (FileAlreadyExistsException e) {
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException("The encryption key file " + file + " cannot be written: "
                    + e.getMessage(), e);
        }
    }

    /** Replaces the key file in one step, so a crash leaves the old file or the new one, never half of one. */
    static void replace(Path file, Contents contents) throws IOException {
        Path temporary = writeTemporary(file, contents);
        try {
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /** Whether others than the owner may read the file (worth a warning, not a refusal). */
    static boolean readableByOthers(Path file) {
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
            return permissions.contains(PosixFilePermission.GROUP_READ)
                    || permissions.contains(PosixFilePermission.OTHERS_READ);
        } catch (UnsupportedOperationException | IOException e) {
            return false;
        }
    }

    private static Path writeTemporary(Path file, Contents contents) throws IOException {
        Path directory = file.toAbsolutePath().getParent();
        Files.createDirectories(directory);
        Path temporary = directory.resolve(file.getFileName() + ".new-" + Long.toUnsignedString(RANDOM.nextLong(), 36));
        Set<StandardOpenOption> options = Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        FileAttribute<?>[] ownerOnly = ownerOnly(directory);
        try (FileChannel channel = FileChannel.open(temporary, options, ownerOnly)) {
            channel.write(StandardCharsets.UTF_8.encode(text(contents)));
            channel.force(true);
        }
        return temporary;
    }

    private static FileAttribute<?>[] ownerOnly(Path directory) {
        return directory.getFileSystem().supportedFileAttributeViews().contains("posix")
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))}
                : new FileAttribute<?>[0];
    }

    private static String text(Contents contents) throws IOException {
        Writer out = new StringWriter();
        out.write("# Parley's encryption keys (AES-256-GCM) and the key of the message word index (HMAC-SHA256).\n");
        out.write("# Back this file up, separately from the database: without it the encrypted data cannot be read.\n");
        out.write("# 'primary' encrypts new data; older keys stay to read what they encrypted. Never share this file.\n");
        out.write(PRIMARY + "=" + contents.primaryId() + "\n");
        for (Map.Entry<Integer, SecretKey> key : new TreeMap<>(contents.keys()).entrySet()) {
            out.write(KEY_PREFIX + key.getKey() + "=" + Base64.getEncoder().encodeToString(key.getValue().getEncoded())
                    + "\n");
        }
        out.write(INDEX + "=" + Base64.getEncoder().encodeToString(contents.indexKey().getEncoded()) + "\n");
        return out.toString();
    }

    private static int keyId(Path file, String text, String entry) {
        try {
            int id = Integer.parseInt(text);
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalStateException("The encryption key file " + file + " has a key id in '" + entry
                + "' that is not a positive number.");
    }

    private static byte[] keyBytes(Path file, String entry, String base64) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("The encryption key file " + file + " has an entry '" + entry
                    + "' that is not Base64.");
        }
        if (bytes.length != KEY_BYTES) {
            throw new IllegalStateException("The encryption key file " + file + " has an entry '" + entry
                    + "' of " + bytes.length + " bytes; keys have " + KEY_BYTES + " (openssl rand -base64 32).");
        }
        return bytes;
    }

    private static SecretKey newAesKey() {
        try {
            KeyGenerator generator = KeyGenerator.getInstance("AES");
            generator.init(KEY_BYTES * 8, RANDOM);
            return generator.generateKey();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("This Java runtime cannot generate AES keys", e);
        }
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[KEY_BYTES];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
