package org.parley.encryption;

import jakarta.persistence.AttributeConverter;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Stores a text column encrypted (AES-256-GCM under the key file's primary key) and bound to its table and column:
 * a value copied into another column (of any table) fails to decrypt with {@link DecryptionFailedException}. Each
 * column has its own converter, a subclass that names the column, next to the entity:
 *
 * <pre>{@code
 * @Convert(converter = Message.EncryptedBody.class)
 * @Column(name = "body", nullable = false)
 * private String body;
 *
 * @Converter
 * static class EncryptedBody extends EncryptedText {
 *     EncryptedBody() {
 *         super("message", "body");
 *     }
 * }
 * }</pre>
 *
 * (A converter sees only the value, never the column it serves, hence one subclass per column; the re-encryption job
 * checks at discovery that each is used on the column it names and on no other.) On an element collection of a
 * {@code Map<String, String>} it encrypts the values; name the collection's table. Size the column for the
 * ciphertext: {@code 15 + ceil(4 * (utf8Bytes + 28) / 3)} characters, about 4 x the longest text for safety with
 * non-Latin scripts. Null stays null; a plaintext, or a value encrypted before columns were bound (format 1), is read
 * as it is and rewritten bound by the re-encryption job, which finds every column using these converters by itself.
 * The column can no longer be compared in queries ({@code =}, {@code like}): search needs its own index (see
 * {@link WordHashes}). Rows are not bound: see the package's documentation.
 */
public abstract class EncryptedText implements AttributeConverter<String, String> {

    private final RowBinding place;
    private FieldCipher cipher;

    /** A converter for the column {@code column} of {@code table}, exactly as the database names them. */
    protected EncryptedText(String table, String column) {
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
    public final String convertToDatabaseColumn(String plaintext) {
        return plaintext == null ? null : cipher.encrypt(plaintext, place);
    }

    @Override
    public final String convertToEntityAttribute(String stored) {
        return stored == null ? null : cipher.decrypt(stored, place);
    }
}
