package org.parley.outbound;

import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import org.parley.attachment.FileKind;
import org.parley.audit.AuditLog;
import org.parley.base.PublicBaseUrl;
import org.parley.conversation.Direction;
import org.parley.conversation.MessageMediaRepository;
import org.parley.conversation.MessageRepository;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Public, unguessable, time-limited links to the pictures and files of the practice's own messages, for providers
 * that fetch MMS media themselves (Twilio, Vonage, the sandbox carrier). The key that signs them is generated once
 * and kept in the database, so links survive a restart and every instance accepts them.
 */
@Component
class MediaLinks {

    /** The audit log's actor for a fetch: whoever holds the link, i.e. the line's provider. */
    static final String FETCHED_BY = "provider";
    private static final String KEY_NAME = "media-links";

    private final SigningKeyRepository keys;
    private final MessageMediaRepository media;
    private final MessageRepository messages;
    private final PublicBaseUrl baseUrl;
    private final AuditLog audit;
    private final TransactionTemplate ownTransaction;
    private final Clock clock;
    private final Duration validity;
    private volatile MediaLinkSigner signer;

    MediaLinks(SigningKeyRepository keys, MessageMediaRepository media, MessageRepository messages,
               PublicBaseUrl baseUrl, AuditLog audit, PlatformTransactionManager transactions, Clock clock,
               @Value("${parley.attachments.link-validity:1h}") Duration validity) {
        this.keys = keys;
        this.media = media;
        this.messages = messages;
        this.baseUrl = baseUrl;
        this.audit = audit;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.clock = clock;
        this.validity = validity;
    }

    /**
     * A link to one attachment, valid for {@code parley.attachments.link-validity} from now. It ends in the file
     * type's usual ending, which some providers (Vonage) require of a picture's URL.
     */
    URI urlFor(long mediaId, String contentType) {
        String ending = FileKind.sentAs(contentType).map(FileKind::extension).orElse("bin");
        return baseUrl.resolve("/media/" + signer().token(mediaId, clock.instant().plus(validity)) + "." + ending);
    }

    /** What a provider gets for a link. */
    record Served(String contentType, String fileName, byte[] data) {
    }

    /**
     * The attachment a link points to, audited as fetched by the provider; empty when the link is forged, expired
     * or points to anything but the media of a message the practice sent.
     */
    @Transactional
    Optional<Served> fetch(String fileName) {
        int dot = fileName == null ? -1 : fileName.lastIndexOf('.');
        String token = dot >= 0 && fileName.length() - dot <= 5 ? fileName.substring(0, dot) : fileName;
        return signer().verify(token, clock.instant())
                .flatMap(media::findById)
                .filter(m -> m.getData() != null)
                .filter(m -> messages.findById(m.getMessageId())
                        .map(message -> message.getDirection() == Direction.OUTBOUND).orElse(false))
                .map(m -> {
                    audit.record(FETCHED_BY, "MEDIA_FETCHED", "message_media", String.valueOf(m.getId()),
                            "message " + m.getMessageId());
                    String ending = FileKind.sentAs(m.getContentType()).map(FileKind::extension).orElse("bin");
                    return new Served(m.getContentType(), "attachment." + ending, m.getData());
                });
    }

    /** For tests: a token that expires at a given time. */
    String token(long mediaId, java.time.Instant expiresAt) {
        return signer().token(mediaId, expiresAt);
    }

    private MediaLinkSigner signer() {
        MediaLinkSigner current = signer;
        if (current == null) {
            synchronized (this) {
                if (signer == null) {
                    signer = new MediaLinkSigner(Base64.getDecoder().decode(key()));
                }
                current = signer;
            }
        }
        return current;
    }

    /** The kept key, generated on first use; another instance generating it at the same moment wins the race. */
    private String key() {
        String kept = ownTransaction.execute(status -> keys.findById(KEY_NAME).map(SigningKey::getKeyValue)
                .orElse(null));
        if (kept != null) {
            return kept;
        }
        byte[] fresh = new byte[32];
        new SecureRandom().nextBytes(fresh);
        try {
            ownTransaction.executeWithoutResult(status -> keys.saveAndFlush(new SigningKey(KEY_NAME,
                    Base64.getEncoder().encodeToString(fresh), clock.instant())));
            return Base64.getEncoder().encodeToString(fresh);
        } catch (DataIntegrityViolationException generatedElsewhere) {
            return ownTransaction.execute(status -> keys.findById(KEY_NAME).orElseThrow().getKeyValue());
        }
    }
}
