package org.parley.encryption;

import org.springframework.stereotype.Component;

/**
 * Encrypts a secret bound to its place (table, column, row): for values whose row key is known before the row is
 * written, such as the media-link signing key (keyed by name). The JPA converters cannot do this: a converter sees the
 * value only, not the row, and most rows get their id from the database only when inserted (see the package's
 * documentation). Declare the column as a {@link RowBoundColumn} bean, so the re-encryption job covers it.
 */
@Component
public class RowBoundEncryption {

    private final FieldCipher cipher;

    RowBoundEncryption(FieldCipher cipher) {
        this.cipher = cipher;
    }

    /** The value to store at {@code binding}. */
    public String encrypt(RowBinding binding, String plaintext) {
        return cipher.encrypt(plaintext, binding);
    }

    /**
     * The plaintext of a value stored at {@code binding}; a value written before the column was bound (a plaintext,
     * or format 1) is read as it is.
     *
     * @throws DecryptionFailedException when it cannot be decrypted or was encrypted for another place (the message
     *                                   names the table and column, never the value)
     */
    public String decrypt(RowBinding binding, String stored) {
        return cipher.decrypt(stored, binding);
    }

    /** Whether a stored value is encrypted bound to its row (format 2), under whichever key. */
    public boolean isBound(String stored) {
        return stored.startsWith(FieldCipher.BOUND_TEXT_MARK);
    }
}
