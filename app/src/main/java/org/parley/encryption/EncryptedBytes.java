package org.parley.encryption;

import jakarta.persistence.AttributeConverter;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Stores a binary column (an attachment, a recording) encrypted with AES-256-GCM and bound to its table and column:
 * 38 bytes longer than the plaintext. Declare one subclass per column, like {@link EncryptedText}. Null stays null;
 * bytes stored before encryption, or encrypted before columns were bound (format 1), are read as they are until the
 * re-encryption job rewrites them bound.
 */
public abstract class EncryptedBytes implements AttributeConverter<byte[], byte[]> {

    private final RowBinding place;
    private FieldCipher cipher;

    /** A converter for the column {@code column} of {@code table}, exactly as the database names them. */
    protected EncryptedBytes(String table, String column) {
        this.place = RowBinding.column(table, column);
    }

    @Autowired
    void useCipher(FieldCipher cipher) {
        this.cipher = cipher;
    }

    /** The table and column this converter's values are bound to. */
    final RowBinding place() {
        return place;
    }

    @Override
    public final byte[] convertToDatabaseColumn(byte[] plaintext) {
        return plaintext == null ? null : cipher.encrypt(plaintext, place);
    }

    @Override
    public final byte[] convertToEntityAttribute(byte[] stored) {
        return stored == null ? null : cipher.decrypt(stored, place);
    }
}
