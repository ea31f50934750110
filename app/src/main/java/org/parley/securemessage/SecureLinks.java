package org.parley.securemessage;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.parley.audit.AuditAction;
import org.parley.audit.AuditLog;
import org.parley.base.TypedText;
import org.parley.conversation.Conversation;
import org.parley.conversation.ConversationChanged;
import org.parley.conversation.ConversationRepository;
import org.parley.conversation.Message;
import org.parley.conversation.MessageRepository;
import org.parley.conversation.MessageWordIndex;
import org.parley.conversation.event.PatientMessageArrived;
import org.parley.conversation.media.MediaInfo;
import org.parley.conversation.media.MessageMedia;
import org.parley.conversation.media.MessageMediaRepository;
import org.parley.lists.ListService;
import org.parley.patient.ContactService;
import org.parley.patient.ContactSummary;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The patient's side of a secure link: the date-of-birth check with its lock, remembered browsers, reading, answering
 * and downloading. Every decision is made by the database (conditional updates), so several nodes agree. The audit
 * log gets ids only; its actor is {@link #PATIENT}.
 */
@Component
class SecureLinks {

    /** The audit log's actor for what is done through a secure link. */
    static final String PATIENT = "patient (secure link)";
    /** The longest answer a patient may write in the page. */
    static final int MAX_ANSWER = 2000;

    private final JdbcClient jdbc;
    private final ContactService contacts;
    private final ConversationRepository conversations;
    private final MessageRepository messages;
    private final MessageMediaRepository media;
    private final MessageWordIndex words;
    private final ListService lists;
    private final SecureMessages secureMessages;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final SecureMessageSettings settings;
    private final Clock clock;

    SecureLinks(JdbcClient jdbc, ContactService contacts, ConversationRepository conversations,
                MessageRepository messages, MessageMediaRepository media, MessageWordIndex words, ListService lists,
                SecureMessages secureMessages, AuditLog audit, ApplicationEventPublisher events,
                SecureMessageSettings settings, Clock clock) {
        this.jdbc = jdbc;
        this.contacts = contacts;
        this.conversations = conversations;
        this.messages = messages;
        this.media = media;
        this.words = words;
        this.lists = lists;
        this.secureMessages = secureMessages;
        this.audit = audit;
        this.events = events;
        this.settings = settings;
        this.clock = clock;
    }

    /** A link as the page needs it: ids and times only. */
    record Link(long id, long messageId, long conversationId, long contactId, Instant expiresAt, Instant lockedUntil,
                Instant openedAt, Instant answeredAt) {

        boolean expired(Instant now) {
            return !now.isBefore(expiresAt);
        }

        boolean locked(Instant now) {
            return lockedUntil != null && now.isBefore(lockedUntil);
        }
    }

    /** What the date-of-birth check said. */
    enum Check { PASSED, WRONG, LOCKED_NOW, LOCKED, EXPIRED }

    /** The link a token opens, if it is one. */
    @Transactional(readOnly = true)
    Optional<Link> find(String token) {
        String hash = SecureTokens.hash(token);
        if (hash == null) {
            return Optional.empty();
        }
        return jdbc.sql("select * from secure_link where token_hash = ?").param(hash).query(SecureLinks::link)
                .optional();
    }

    private static Link link(ResultSet rs, int row) throws SQLException {
        return new Link(rs.getLong("id"), rs.getLong("message_id"), rs.getLong("conversation_id"),
                rs.getLong("contact_id"), instant(rs, "expires_at"), instant(rs, "locked_until"),
                instant(rs, "opened_at"), instant(rs, "answered_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp at = rs.getTimestamp(column);
        return at == null ? null : at.toInstant();
    }

    /** The language the link's reader reads in (for a dependent, the guardian's). */
    String language(Link link) {
        return secureMessages.languageFor(link.contactId());
    }

    /**
     * Checks a date of birth against the link's patient (for a dependent, the dependent's). A wrong one counts towards
     * the lock; the count is kept and the lock set by conditional updates, so guesses on several nodes add up.
     * Passing remembers the browser: the returned cookie (new, or the one it had) is then valid for the patient.
     */
    @Transactional
    CheckResult check(Link link, LocalDate dateOfBirth, String browserCookie) {
        Instant now = clock.instant();
        if (link.expired(now)) {
            audit.record(PATIENT, AuditAction.SECURE_CHECK_REFUSED, "secure_link", String.valueOf(link.id()), "expired");
            return new CheckResult(Check.EXPIRED, null);
        }
        // Counted only while not locked: the lock's own update cannot be undone by a late guess.
        int counted = jdbc.sql("update secure_link set failed_checks = failed_checks + 0 where id = ? "
                        + "and (locked_until is null or locked_until <= ?)")
                .params(link.id(), SecureMessages.ts(now)).update();
        if (counted == 0) {
            audit.record(PATIENT, AuditAction.SECURE_CHECK_REFUSED, "secure_link", String.valueOf(link.id()), "locked");
            return new CheckResult(Check.LOCKED, null);
        }
        LocalDate expected = contacts.find(link.contactId()).map(ContactSummary::dateOfBirth).orElse(null);
        if (expected != null && expected.equals(dateOfBirth)) {
            jdbc.sql("update secure_link set failed_checks = 0 where id = ?").param(link.id()).update();
            String cookie = SecureTokens.hash(browserCookie) != null ? browserCookie : SecureTokens.newCookie();
            remember(cookie, link.contactId(), now);
            audit.record(PATIENT, AuditAction.SECURE_CHECK_PASSED, "secure_link", String.valueOf(link.id()), null);
            return new CheckResult(Check.PASSED, cookie);
        }
        jdbc.sql("update secure_link set failed_checks = failed_checks + 1 where id = ?").param(link.id()).update();
        int locked = jdbc.sql("update secure_link set locked_until = ?, failed_checks = 0 where id = ? "
                        + "and failed_checks >= ?")
                .params(SecureMessages.ts(now.plus(settings.lockFor())), link.id(), settings.failedChecksToLock())
                .update();
        audit.record(PATIENT, AuditAction.SECURE_CHECK_FAILED, "secure_link", String.valueOf(link.id()),
                locked > 0 ? "locked" : null);
        return new CheckResult(locked > 0 ? Check.LOCKED_NOW : Check.WRONG, null);
    }

    /** The check's outcome, and the cookie to set when it passed. */
    record CheckResult(Check outcome, String cookie) {
    }

    private void remember(String cookie, long contactId, Instant now) {
        String hash = SecureTokens.hash(cookie);
        int renewed = jdbc.sql("update secure_browser set expires_at = ?, created_at = ?, revoked_at = null, "
                        + "revoked_by = null where cookie_hash = ? and contact_id = ?")
                .params(SecureMessages.ts(now.plus(settings.rememberBrowserFor())), SecureMessages.ts(now), hash,
                        contactId).update();
        if (renewed == 0) {
            jdbc.sql("insert into secure_browser (cookie_hash, contact_id, created_at, expires_at) "
                            + "values (?, ?, ?, ?)")
                    .params(hash, contactId, SecureMessages.ts(now),
                            SecureMessages.ts(now.plus(settings.rememberBrowserFor()))).update();
        }
    }

    /** Whether this browser passed the check for the link's patient, is still remembered and was not forgotten. */
    @Transactional(readOnly = true)
    boolean remembered(Link link, String browserCookie) {
        String hash = SecureTokens.hash(browserCookie);
        return hash != null && !link.expired(clock.instant()) && jdbc.sql("select count(*) from secure_browser "
                        + "where cookie_hash = ? and contact_id = ? and revoked_at is null and expires_at > ?")
                .params(hash, link.contactId(), SecureMessages.ts(clock.instant())).query(Long.class).single() > 0;
    }

    /** What a verified patient reads. */
    record Shown(String text, List<MediaInfo> files, Instant sentAt, boolean answered) {
    }

    /**
     * The message for a verified browser, audited as opened; the first opening is told to staff in the thread
     * (live) and ends the reminders.
     */
    @Transactional
    Shown open(Link link) {
        Instant now = clock.instant();
        int first = jdbc.sql("update secure_link set opened_at = ?, next_reminder_at = null where id = ? "
                + "and opened_at is null").params(SecureMessages.ts(now), link.id()).update();
        if (first > 0) {
            Conversation conversation = conversations.findById(link.conversationId()).orElseThrow();
            secureMessages.systemLine(conversation, "Opened by the patient at " + secureMessages.inPracticeZone(now)
                    + ".");
        }
        audit.record(PATIENT, AuditAction.SECURE_MESSAGE_OPENED, "secure_link", String.valueOf(link.id()),
                "message " + link.messageId());
        // A reply its author deleted (within the delete window) shows nothing.
        record Row(boolean deleted, Instant sentAt) {
        }
        Row row = jdbc.sql("select deleted_at, created_at from message where id = ?").param(link.messageId())
                .query((rs, n) -> new Row(rs.getTimestamp("deleted_at") != null,
                        rs.getTimestamp("created_at").toInstant())).single();
        String text = row.deleted() ? "" : messages.findById(link.messageId()).orElseThrow().getBody();
        return new Shown(text, row.deleted() ? List.of() : media.infoOf(link.messageId()), row.sentAt(),
                link.answeredAt() != null);
    }

    /**
     * The patient's answer, stored in the same conversation as a text from the patient: staff see it live and are
     * notified as of any text (unless the conversation is in BLOCKED).
     *
     * @throws IllegalArgumentException when it is empty or too long
     */
    @Transactional
    long answer(Link link, String text) {
        String body = text == null ? "" : text.strip();
        if (body.isEmpty()) {
            throw new IllegalArgumentException("empty");
        }
        if (body.length() > MAX_ANSWER || TypedText.problemInText(body, "answer").isPresent()) {
            throw new IllegalArgumentException("too long");
        }
        Instant now = clock.instant();
        // The conversation's row is locked before its summary changes, as the intake does for a text.
        jdbc.sql("select id from conversation where id = ? for update").param(link.conversationId())
                .query(Long.class).single();
        Conversation conversation = conversations.findById(link.conversationId()).orElseThrow();
        Message answer = messages.save(Message.inbound(conversation.getId(), conversation.getLineId(),
                "parley-secure:" + UUID.randomUUID(), body, now));
        words.index(answer);
        conversation.inbound(body, now);
        int first = jdbc.sql("update secure_link set answered_at = ? where id = ? and answered_at is null")
                .params(SecureMessages.ts(now), link.id()).update();
        audit.record(PATIENT, AuditAction.SECURE_ANSWER_RECEIVED, "message", String.valueOf(answer.getId()),
                "secure link " + link.id() + ", conversation " + conversation.getId());
        events.publishEvent(new ConversationChanged(conversation.getId(), answer.getId(), true));
        if (first > 0) {
            secureMessages.systemLine(conversation, "Answered in the secure page.");
        }
        boolean blocked = Long.valueOf(lists.blockedListId()).equals(conversation.getAssignedListId());
        events.publishEvent(new PatientMessageArrived(conversation.getId(), answer.getId(),
                conversation.getAssignedListId(), Set.copyOf(conversation.getAssignees()), blocked));
        return answer.getId();
    }

    /** A file of the link's message, audited as downloaded; empty when it is not one of that message's files. */
    @Transactional
    Optional<MessageMedia> download(Link link, long mediaId) {
        return media.findById(mediaId).filter(file -> file.getMessageId() == link.messageId())
                .filter(file -> file.getData() != null)
                .map(file -> {
                    audit.record(PATIENT, AuditAction.SECURE_FILE_DOWNLOADED, "message_media", String.valueOf(mediaId),
                            "secure link " + link.id());
                    return file;
                });
    }
}
