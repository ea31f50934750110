package org.parley.encryption;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/**
 * Stores a binary column (an attachment, a recording) encrypted with AES-256-GCM: 38 bytes longer than the
 * plaintext. Use it like {@link EncryptedText}: {@code @Convert(converter = EncryptedBytes.class)}. Null stays null;
 * bytes stored before encryption are read as they are until the re-encryption job encrypts them.
 */
@Converter
public class EncryptedBytes implements AttributeConverter<byte[], byte[]> {

    private final FieldCipher cipher;

    EncryptedBytes(FieldCipher cipher) {
        this.cipher = cipher;
    }

    @Override
    public byte[] convertToDatabaseColumn(byte[] plaintext) {
        return plaintext == null ? null : cipher.encrypt(plaintext);
    }

    @Override
    public byte[] convertToEntityAttribute(byte[] stored) {
        return stored == null ? null : cipher.decrypt(stored);
    }
}
