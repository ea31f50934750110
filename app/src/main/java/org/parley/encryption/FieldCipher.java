package org.parley.encryption;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.OptionalInt;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import org.springframework.stereotype.Component;

/**
 * AES-256-GCM for single column values, with the key id in front so that a rotation leaves older values readable.
 *
 * <ul>
 *   <li>bytes: {@code 00 'p' 'r' 'l' 'y' '1'}, the key id (4 bytes, big-endian), a random 12-byte nonce, then the
 *       ciphertext with its 16-byte tag;</li>
 *   <li>text: {@code prly1:}, the key id as 8 hex digits, {@code :}, then Base64 (no padding) of nonce, ciphertext
 *       and tag.</li>
 * </ul>
 *
 * The 10-byte header (mark and key id) is the GCM associated data, so a changed key id fails like a changed
 * ciphertext. A value without the mark is a plaintext written before encryption existed: it is returned as it is,
 * and the re-encryption job encrypts it. The fixed-length header lets that job find values not yet under the primary
 * key with a plain SQL {@code substring} comparison, on H2 and PostgreSQL alike.
 *
 * <p>Format 2 ({@code prly2}, same layout, text and bytes) is for values bound to their place ({@link RowBinding}:
 * table, column and row): the associated data is the header followed by the binding, so a value copied into another
 * row or column fails to decrypt like a changed one. Where the row's identity is known when the value is encrypted
 * and read (see {@link RowBoundEncryption}) the binding names the row; the JPA converters bind table and column only,
 * with an empty row ({@link RowBinding#column}). A format-1 value or a plaintext found in a bound column is still read,
 * and the re-encryption job rewrites it in format 2.
 */
@Component
class FieldCipher {

    static final String TEXT_MARK = "prly1:";
    static final int TEXT_HEADER_LENGTH = TEXT_MARK.length() + 8 + 1;
    static final byte[] BYTES_MARK = {0, 'p', 'r', 'l', 'y', '1'};
    static final int BYTES_HEADER_LENGTH = BYTES_MARK.length + 4;
    static final String BOUND_TEXT_MARK = "prly2:";
    static final byte[] BOUND_BYTES_MARK = {0, 'p', 'r', 'l', 'y', '2'};

    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder BASE64 = Base64.getEncoder().withoutPadding();

    private final KeyRing keys;

    FieldCipher(KeyRing keys) {
        this.keys = keys;
    }

    String encrypt(String plaintext) {
        KeyRing.Primary primary = keys.primary();
        byte[] sealed = seal(primary.id(), primary.key(), plaintext.getBytes(StandardCharsets.UTF_8));
        return textHeader(primary.id()) + BASE64.encodeToString(sealed);
    }

    byte[] encrypt(byte[] plaintext) {
        KeyRing.Primary primary = keys.primary();
        byte[] header = bytesHeader(primary.id());
        byte[] sealed = seal(primary.id(), primary.key(), plaintext);
        byte[] stored = Arrays.copyOf(header, header.length + sealed.length);
        System.arraycopy(sealed, 0, stored, header.length, sealed.length);
        return stored;
    }

    /** A text in format 2, bound to {@code binding}: it decrypts only there. */
    String encrypt(String plaintext, RowBinding binding) {
        KeyRing.Primary primary = keys.primary();
        byte[] sealed = seal(primary.id(), primary.key(), plaintext.getBytes(StandardCharsets.UTF_8),
                boundAssociatedData(primary.id(), binding));
        return boundTextHeader(primary.id()) + BASE64.encodeToString(sealed);
    }

    /** Bytes in format 2, bound to {@code binding}: they decrypt only there. */
    byte[] encrypt(byte[] plaintext, RowBinding binding) {
        KeyRing.Primary primary = keys.primary();
        byte[] header = boundBytesHeader(primary.id());
        byte[] sealed = seal(primary.id(), primary.key(), plaintext, boundAssociatedData(primary.id(), binding));
        byte[] stored = Arrays.copyOf(header, header.length + sealed.length);
        System.arraycopy(sealed, 0, stored, header.length, sealed.length);
        return stored;
    }

    /**
     * The plaintext of bytes stored at {@code binding}: format-2 bytes must have been encrypted for that very place;
     * format-1 or plaintext bytes (written before the column was bound) are read as they are.
     *
     * @throws DecryptionFailedException when they cannot be decrypted, or were encrypted for another place
     */
    byte[] decrypt(byte[] stored, RowBinding binding) {
        if (!isBound(stored)) {
            return decrypt(stored);
        }
        int keyId = ByteBuffer.wrap(stored, BOUND_BYTES_MARK.length, 4).getInt();
        return open(keyId, stored, BYTES_HEADER_LENGTH, boundAssociatedData(keyId, binding), binding);
    }

    /**
     * The plaintext of a text stored at {@code binding}: a format-2 value must have been encrypted for that very place;
     * a format-1 value or a plaintext (written before the column was bound) is read as it is.
     *
     * @throws DecryptionFailedException when it cannot be decrypted, or was encrypted for another place
     */
    String decrypt(String stored, RowBinding binding) {
        if (!stored.startsWith(BOUND_TEXT_MARK)) {
            return decrypt(stored);
        }
        int keyId = textKeyId(stored);
        byte[] sealed;
        try {
            sealed = Base64.getDecoder().decode(stored.substring(TEXT_HEADER_LENGTH));
        } catch (IllegalArgumentException e) {
            throw new DecryptionFailedException("An encrypted text under key " + keyId + " is damaged (not Base64).",
                    null);
        }
        return new String(open(keyId, sealed, 0, boundAssociatedData(keyId, binding), binding),
                StandardCharsets.UTF_8);
    }

    /**
     * The plaintext of a stored text: decrypted, or as it is when it was stored before encryption.
     *
     * @throws DecryptionFailedException when it is encrypted but cannot be decrypted
     */
    String decrypt(String stored) {
        if (stored.startsWith(BOUND_TEXT_MARK)) {
            // A bound value decrypts only with its binding: read through the converter, it was moved here.
            throw new DecryptionFailedException("An encrypted text bound to its row is read where nothing binds it: "
                    + "it was copied here from a column that binds its values.", null);
        }
        if (!stored.startsWith(TEXT_MARK)) {
            return stored;
        }
        int keyId = textKeyId(stored);
        byte[] sealed;
        try {
            sealed = Base64.getDecoder().decode(stored.substring(TEXT_HEADER_LENGTH));
        } catch (IllegalArgumentException e) {
            throw new DecryptionFailedException("An encrypted text under key " + keyId + " is damaged (not Base64).",
                    null);
        }
        return new String(open(keyId, sealed, 0, bytesHeader(keyId), null), StandardCharsets.UTF_8);
    }

    /**
     * The plaintext of stored bytes: decrypted, or as they are when stored before encryption.
     *
     * @throws DecryptionFailedException when they are encrypted but cannot be decrypted
     */
    byte[] decrypt(byte[] stored) {
        if (isBound(stored)) {
            throw new DecryptionFailedException("Encrypted bytes bound to their place are read where nothing binds "
                    + "them: they were copied here from a column that binds its values.", null);
        }
        if (!isEncrypted(stored)) {
            return stored;
        }
        int keyId = ByteBuffer.wrap(stored, BYTES_MARK.length, 4).getInt();
        return open(keyId, stored, BYTES_HEADER_LENGTH, bytesHeader(keyId), null);
    }

    /** The key a stored text is encrypted under; empty for a plaintext. */
    OptionalInt keyIdOf(String stored) {
        return stored.startsWith(TEXT_MARK) || stored.startsWith(BOUND_TEXT_MARK) ? OptionalInt.of(textKeyId(stored))
                : OptionalInt.empty();
    }

    /** The key stored bytes are encrypted under; empty for plaintext bytes. */
    OptionalInt keyIdOf(byte[] stored) {
        return isEncrypted(stored) || isBound(stored)
                ? OptionalInt.of(ByteBuffer.wrap(stored, BYTES_MARK.length, 4).getInt()) : OptionalInt.empty();
    }

    /** How every text encrypted under {@code keyId} begins. */
    static String textHeader(int keyId) {
        return TEXT_MARK + HexFormat.of().toHexDigits(keyId) + ":";
    }

    /** How every text encrypted under {@code keyId} in format 2 (bound to its row) begins. */
    static String boundTextHeader(int keyId) {
        return BOUND_TEXT_MARK + HexFormat.of().toHexDigits(keyId) + ":";
    }

    /**
     * Format 2's associated data: its header, then table, column and row, each preceded by its length (so no two
     * bindings give the same bytes, whatever characters their parts hold).
     */
    private static byte[] boundAssociatedData(int keyId, RowBinding binding) {
        byte[][] parts = {binding.table().getBytes(StandardCharsets.UTF_8),
                binding.column().getBytes(StandardCharsets.UTF_8), binding.row().getBytes(StandardCharsets.UTF_8)};
        ByteBuffer data = ByteBuffer.allocate(BYTES_HEADER_LENGTH
                + Arrays.stream(parts).mapToInt(part -> 4 + part.length).sum());
        data.put(BOUND_BYTES_MARK).putInt(keyId);
        for (byte[] part : parts) {
            data.putInt(part.length).put(part);
        }
        return data.array();
    }

    /** How all bytes encrypted under {@code keyId} in format 2 (bound to their place) begin. */
    static byte[] boundBytesHeader(int keyId) {
        return ByteBuffer.allocate(BYTES_HEADER_LENGTH).put(BOUND_BYTES_MARK).putInt(keyId).array();
    }

    /** How all bytes encrypted under {@code keyId} begin. */
    static byte[] bytesHeader(int keyId) {
        return ByteBuffer.allocate(BYTES_HEADER_LENGTH).put(BYTES_MARK).putInt(keyId).array();
    }

    private static boolean isEncrypted(byte[] stored) {
        return stored.length >= BYTES_HEADER_LENGTH
                && Arrays.equals(stored, 0, BYTES_MARK.length, BYTES_MARK, 0, BYTES_MARK.length);
    }

    private static boolean isBound(byte[] stored) {
        return stored.length >= BYTES_HEADER_LENGTH
                && Arrays.equals(stored, 0, BOUND_BYTES_MARK.length, BOUND_BYTES_MARK, 0, BOUND_BYTES_MARK.length);
    }

    private static int textKeyId(String stored) {
        if (stored.length() < TEXT_HEADER_LENGTH || stored.charAt(TEXT_HEADER_LENGTH - 1) != ':') {
            throw new DecryptionFailedException("An encrypted text is damaged (its header is incomplete).", null);
        }
        try {
            return HexFormat.fromHexDigits(stored, TEXT_MARK.length(), TEXT_HEADER_LENGTH - 1);
        } catch (IllegalArgumentException e) {
            throw new DecryptionFailedException("An encrypted text is damaged (its key id is not hexadecimal).", null);
        }
    }

    private static byte[] seal(int keyId, SecretKey key, byte[] plaintext) {
        return seal(keyId, key, plaintext, bytesHeader(keyId));
    }

    private static byte[] seal(int keyId, SecretKey key, byte[] plaintext, byte[] associatedData) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associatedData);
            byte[] sealed = new byte[NONCE_BYTES + cipher.getOutputSize(plaintext.length)];
            System.arraycopy(nonce, 0, sealed, 0, NONCE_BYTES);
            cipher.doFinal(plaintext, 0, plaintext.length, sealed, NONCE_BYTES);
            return sealed;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM encryption failed under key " + keyId, e);
        }
    }

    /** Opens a sealed value; {@code binding} (or null) only names the place in the message of a failure. */
    private byte[] open(int keyId, byte[] stored, int offset, byte[] associatedData, RowBinding binding) {
        SecretKey key = keys.key(keyId);
        if (stored.length - offset < NONCE_BYTES + TAG_BITS / 8) {
            throw new DecryptionFailedException("An encrypted value under key " + keyId + " is damaged (too short).",
                    null);
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, stored, offset, NONCE_BYTES));
            cipher.updateAAD(associatedData);
            return cipher.doFinal(stored, offset + NONCE_BYTES, stored.length - offset - NONCE_BYTES);
        } catch (AEADBadTagException e) {
            if (binding != null) {
                throw new DecryptionFailedException("The encrypted value in " + binding.table() + "."
                        + binding.column() + " could not be decrypted with key " + keyId + ": it was changed, copied "
                        + "there from another row or column, or the key file " + keys.file()
                        + " holds a different key under that id.", e);
            }
            throw new DecryptionFailedException("An encrypted value could not be decrypted with key " + keyId
                    + ": it was changed, or the key file " + keys.file()
                    + " holds a different key under that id.", e);
        } catch (GeneralSecurityException e) {
            throw new DecryptionFailedException("An encrypted value under key " + keyId + " could not be decrypted.",
                    e);
        }
    }
}
