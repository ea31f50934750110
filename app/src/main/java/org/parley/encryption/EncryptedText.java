package org.parley.encryption;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/**
 * Stores a text column encrypted (AES-256-GCM under the key file's primary key). Put it on any column that holds
 * PHI or a secret:
 *
 * <pre>{@code
 * @Convert(converter = EncryptedText.class)
 * @Column(name = "body", nullable = false)
 * private String body;
 * }</pre>
 *
 * On an element collection of a {@code Map<String, String>} it encrypts the values. Size the column for the
 * ciphertext: {@code 15 + ceil(4 * (utf8Bytes + 28) / 3)} characters, about 4 x the longest text for safety with
 * non-Latin scripts. Null stays null; a plaintext written before the column was encrypted is read as it is and
 * encrypted by the re-encryption job, which finds every column using this converter by itself. The column can no
 * longer be compared in queries ({@code =}, {@code like}): search needs its own index (see {@link WordHashes}).
 */
@Converter
public class EncryptedText implements AttributeConverter<String, String> {

    private final FieldCipher cipher;

    EncryptedText(FieldCipher cipher) {
        this.cipher = cipher;
    }

    @Override
    public String convertToDatabaseColumn(String plaintext) {
        return plaintext == null ? null : cipher.encrypt(plaintext);
    }

    @Override
    public String convertToEntityAttribute(String stored) {
        return stored == null ? null : cipher.decrypt(stored);
    }
}
