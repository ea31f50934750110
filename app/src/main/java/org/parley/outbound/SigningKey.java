package org.parley.outbound;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A secret Parley generated once and keeps, named by what it signs. The value is stored encrypted and bound to its
 * row ({@link org.parley.encryption.RowBoundEncryption}); rows from before that hold the Base64 key in plaintext until
 * {@link MediaLinks} seals them at start.
 */
@Entity
@Table(name = "signing_key")
class SigningKey {

    @Id
    @Column(name = "name")
    private String name;

    @Column(name = "key_value", nullable = false, updatable = false)
    private String keyValue;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    protected SigningKey() {
    }

    SigningKey(String name, String keyValue, Instant createdAt) {
        this.name = name;
        this.keyValue = keyValue;
        this.createdAt = createdAt;
    }

    String getKeyValue() {
        return keyValue;
    }
}
