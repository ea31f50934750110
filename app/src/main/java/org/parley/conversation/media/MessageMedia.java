package org.parley.conversation.media;

import jakarta.persistence.Basic;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Converter;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.parley.encryption.EncryptedBytes;
import org.parley.encryption.EncryptedText;

/**
 * A picture or file that came with a message. {@code data} is null when it was too large to keep, or while it could
 * not be fetched from the provider ({@code fetchState} PENDING, then FAILED once given up).
 */
@Entity
@Table(name = "message_media")
public class MessageMedia {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(name = "id")
    private Long id;

    @Column(name = "message_id", nullable = false)
    private long messageId;

    @Column(name = "content_type", nullable = false)
    private String contentType;

    /** A phone names files after what they show or who sent them: encrypted like the data. */
    @Convert(converter = MessageMedia.EncryptedFileName.class)
    @Column(name = "file_name")
    private String fileName;

    @Column(name = "size_bytes", nullable = false)
    private long sizeBytes;

    @Basic(fetch = FetchType.LAZY)
    @Convert(converter = MessageMedia.EncryptedData.class)
    @Column(name = "data")
    private byte[] data;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "fetch_state")
    private String fetchState;

    /** The provider's media could not be fetched yet: fetched again in the background. */
    public static final String PENDING = "PENDING";
    /** The provider's media could not be fetched, and Parley gave up. */
    public static final String FAILED = "FAILED";

    protected MessageMedia() {
    }

    public MessageMedia(long messageId, String contentType, String fileName, long sizeBytes, byte[] data, Instant at) {
        this.messageId = messageId;
        this.contentType = contentType;
        this.fileName = fileName;
        this.sizeBytes = sizeBytes;
        this.data = data;
        this.createdAt = at;
    }

    /** A placeholder for media the provider announced but Parley could not fetch (yet). */
    public static MessageMedia unfetched(long messageId, String contentType, String fileName, boolean retrying,
                                         Instant at) {
        MessageMedia media = new MessageMedia(messageId, contentType, fileName, 0, null, at);
        media.fetchState = retrying ? PENDING : FAILED;
        return media;
    }

    /** The media arrived after all: the placeholder becomes the picture. */
    public void fetched(String contentType, String fileName, long sizeBytes, byte[] data) {
        this.contentType = contentType;
        if (fileName != null) {
            this.fileName = fileName;
        }
        this.sizeBytes = sizeBytes;
        this.data = data;
        this.fetchState = null;
    }

    /** Fetching it again was given up: the placeholder says so for good. */
    public void gaveUp() {
        this.fetchState = FAILED;
    }

    public String getFetchState() {
        return fetchState;
    }

    public Long getId() {
        return id;
    }

    public long getMessageId() {
        return messageId;
    }

    public String getContentType() {
        return contentType;
    }

    public byte[] getData() {
        return data;
    }

    public MediaInfo info() {
        return new MediaInfo(id, contentType, fileName, sizeBytes, data == null, fetchState);
    }

    /** message_media.file_name, encrypted bound to its table and column. */
    @Converter
    static class EncryptedFileName extends EncryptedText {
        EncryptedFileName() {
            super("message_media", "file_name");
        }
    }

    /** message_media.data, encrypted bound to its table and column. */
    @Converter
    static class EncryptedData extends EncryptedBytes {
        EncryptedData() {
            super("message_media", "data");
        }
    }
}
