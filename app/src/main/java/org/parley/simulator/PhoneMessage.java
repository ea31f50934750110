package org.parley.simulator;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Converter;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.parley.encryption.EncryptedBytes;
import org.parley.encryption.EncryptedText;

/** A message on a simulated phone: one it sent to the practice, or one it received. */
@Entity
@Table(name = "sandbox_phone_message")
class PhoneMessage {

    static final String FROM_PHONE = "FROM_PHONE";
    static final String TO_PHONE = "TO_PHONE";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(name = "id")
    private Long id;

    @Column(name = "carrier_message_id", nullable = false)
    private String carrierMessageId;

    @Column(name = "line_id", nullable = false)
    private String lineId;

    @Column(name = "phone_number", nullable = false)
    private String phoneNumber;

    @Column(name = "direction", nullable = false)
    private String direction;

    /** A patient's simulated texts are still PHI: encrypted like the inbox's. */
    @Convert(converter = PhoneMessage.EncryptedBody.class)
    @Column(name = "body", nullable = false)
    private String body;

    @Column(name = "media_content_type")
    private String mediaContentType;

    @Convert(converter = PhoneMessage.EncryptedMediaFileName.class)
    @Column(name = "media_file_name")
    private String mediaFileName;

    @Convert(converter = PhoneMessage.EncryptedMediaData.class)
    @Column(name = "media_data")
    private byte[] mediaData;

    @Column(name = "idempotency_key")
    private String idempotencyKey;

    @Column(name = "status", nullable = false)
    private String status;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected PhoneMessage() {
    }

    PhoneMessage(String carrierMessageId, String lineId, String phoneNumber, String direction, String body,
                 String idempotencyKey, String status, Instant createdAt) {
        this.carrierMessageId = carrierMessageId;
        this.lineId = lineId;
        this.phoneNumber = phoneNumber;
        this.direction = direction;
        this.body = body;
        this.idempotencyKey = idempotencyKey;
        this.status = status;
        this.createdAt = createdAt;
    }

    void attach(String contentType, String fileName, byte[] data) {
        this.mediaContentType = contentType;
        this.mediaFileName = fileName;
        this.mediaData = data;
    }

    void status(String status) {
        this.status = status;
    }

    String getCarrierMessageId() {
        return carrierMessageId;
    }

    String getLineId() {
        return lineId;
    }

    String getPhoneNumber() {
        return phoneNumber;
    }

    String getMediaContentType() {
        return mediaContentType;
    }

    String getMediaFileName() {
        return mediaFileName;
    }

    byte[] getMediaData() {
        return mediaData;
    }

    PhoneEntry entry() {
        return new PhoneEntry(id, carrierMessageId, lineId, phoneNumber, FROM_PHONE.equals(direction), body,
                mediaContentType, status, createdAt);
    }

    /** sandbox_phone_message.body, encrypted bound to its table and column. */
    @Converter
    static class EncryptedBody extends EncryptedText {
        EncryptedBody() {
            super("sandbox_phone_message", "body");
        }
    }

    /** sandbox_phone_message.media_file_name, encrypted bound to its table and column. */
    @Converter
    static class EncryptedMediaFileName extends EncryptedText {
        EncryptedMediaFileName() {
            super("sandbox_phone_message", "media_file_name");
        }
    }

    /** sandbox_phone_message.media_data, encrypted bound to its table and column. */
    @Converter
    static class EncryptedMediaData extends EncryptedBytes {
        EncryptedMediaData() {
            super("sandbox_phone_message", "media_data");
        }
    }
}
