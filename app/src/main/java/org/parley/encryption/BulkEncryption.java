package org.parley.encryption;

import org.springframework.stereotype.Component;

/**
 * Encrypts a text the way {@link EncryptedText} stores it, for code that writes many rows through JDBC at once
 * (the demo data), where no entity and so no converter is involved.
 */
@Component
public class BulkEncryption {

    private final FieldCipher cipher;

    BulkEncryption(FieldCipher cipher) {
        this.cipher = cipher;
    }

    /** The value to store in {@code table.column}, a column that an {@link EncryptedText} converter reads. */
    public String encryptText(String table, String column, String plaintext) {
        return plaintext == null ? null : cipher.encrypt(plaintext, RowBinding.column(table, column));
    }
}
