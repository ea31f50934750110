package org.parley.outbound;

import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import org.parley.attachment.AttachmentSettings;
import org.parley.attachment.FileKind;
import org.parley.audit.AuditAction;
import org.parley.audit.AuditLog;
import org.parley.base.PublicBaseUrl;
import org.parley.conversation.Direction;
import org.parley.conversation.MessageRepository;
import org.parley.conversation.media.MessageMediaRepository;
import org.parley.encryption.RowBinding;
import org.parley.encryption.RowBoundColumn;
import org.parley.encryption.RowBoundEncryption;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Public, unguessable, time-limited links to the pictures and files of the practice's own messages, for providers
 * that fetch MMS media themselves (Twilio, Vonage, the sandbox carrier). The key that signs them is generated once
 * and kept in the database, so links survive a restart and every instance accepts them; it is kept encrypted and bound
 * to its row, so a copy of the database mints no links.
 */
@Component
class MediaLinks {

    /** The audit log's actor for a fetch: whoever holds the link, i.e. the line's provider. */
    static final String FETCHED_BY = "provider";
    private static final String KEY_NAME = "media-links";
    /** The key's column: encrypted bound to its row (keyed by name, known before insert), so a dump mints no links. */
    static final RowBoundColumn KEY_COLUMN = new RowBoundColumn("signing_key", "name", "key_value");
    private static final RowBinding KEY_PLACE = KEY_COLUMN.at(KEY_NAME);

    private final SigningKeyRepository keys;
    private final RowBoundEncryption sealing;
    private final MessageMediaRepository media;
    private final MessageRepository messages;
    private final PublicBaseUrl baseUrl;
    private final AuditLog audit;
    private final TransactionTemplate ownTransaction;
    private final Clock clock;
    private final Duration validity;
    private volatile MediaLinkSigner signer;

    MediaLinks(SigningKeyRepository keys, RowBoundEncryption sealing, MessageMediaRepository media,
               MessageRepository messages, PublicBaseUrl baseUrl, AuditLog audit,
               PlatformTransactionManager transactions, Clock clock,
               AttachmentSettings attachments) {
        this.keys = keys;
        this.sealing = sealing;
        this.media = media;
        this.messages = messages;
        this.baseUrl = baseUrl;
        this.audit = audit;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.clock = clock;
        this.validity = attachments.linkValidity();
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
                    audit.record(FETCHED_BY, AuditAction.MEDIA_FETCHED, "message_media", String.valueOf(m.getId()),
                            "message " + m.getMessageId());
                    String ending = FileKind.sentAs(m.getContentType()).map(FileKind::extension).orElse("bin");
                    return new Served(m.getContentType(), "attachment." + ending, m.getData());
                });
    }

    /** For tests: a token that expires at a given time. */
    String token(long mediaId, Instant expiresAt) {
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

    /** The column of the signing key, for the re-encryption job (new keys, and values not yet bound). */
    @Bean
    static RowBoundColumn mediaLinkKeyColumn() {
        return KEY_COLUMN;
    }

    /**
     * Seals a key kept in plaintext by an earlier version, at start rather than waiting for the re-encryption job:
     * that job may be off at start and otherwise runs once a day, and until then every dump would mint links. Another
     * node sealing it at the same moment wins (the update names the plaintext it replaces). Dumps taken before still
     * hold the plaintext: the README says how to replace the key.
     */
    @EventListener(ApplicationReadyEvent.class)
    void sealKeptKey() {
        ownTransaction.executeWithoutResult(status -> keys.findById(KEY_NAME).map(SigningKey::getKeyValue)
                .filter(stored -> !sealing.isBound(stored))
                .ifPresent(stored -> keys.replaceStored(KEY_NAME, stored,
                        sealing.encrypt(KEY_PLACE, sealing.decrypt(KEY_PLACE, stored)))));
    }

    /** The kept key, generated on first use; another instance generating it at the same moment wins the race. */
    private String key() {
        String kept = ownTransaction.execute(status -> keys.findById(KEY_NAME).map(SigningKey::getKeyValue)
                .orElse(null));
        if (kept != null) {
            return sealing.decrypt(KEY_PLACE, kept);
        }
        byte[] fresh = new byte[32];
        new SecureRandom().nextBytes(fresh);
        String encoded = Base64.getEncoder().encodeToString(fresh);
        try {
            ownTransaction.executeWithoutResult(status -> keys.saveAndFlush(new SigningKey(KEY_NAME,
                    sealing.encrypt(KEY_PLACE, encoded), clock.instant())));
            return encoded;
        } catch (DataIntegrityViolationException generatedElsewhere) {
            return sealing.decrypt(KEY_PLACE, ownTransaction.execute(status -> keys.findById(KEY_NAME).orElseThrow()
                    .getKeyValue()));
        }
    }
}
