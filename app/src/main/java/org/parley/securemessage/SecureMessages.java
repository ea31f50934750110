package org.parley.securemessage;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.Optional;
import org.parley.attachment.Attachment;
import org.parley.audit.AuditAction;
import org.parley.audit.AuditLog;
import org.parley.base.PublicBaseUrl;
import org.parley.conversation.Conversation;
import org.parley.conversation.ConversationChanged;
import org.parley.conversation.ConversationRepository;
import org.parley.conversation.Message;
import org.parley.conversation.MessageRepository;
import org.parley.conversation.MessageView;
import org.parley.conversation.MessageWordIndex;
import org.parley.conversation.Replies;
import org.parley.conversation.event.ConversationsCombined;
import org.parley.patient.ContactService;
import org.parley.patient.ContactSummary;
import org.parley.practice.PracticeProfiles;
import org.parley.security.StaffMember;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What staff do with secure messages, and what the outbound queue asks of them. A secure message is an ordinary
 * reply (its text and files stored and shown in the thread as any reply); its {@code secure_link} row makes the
 * queue text the patient only the practice's name and a link ({@link #smsText}), and the thread gets the lines
 * "Sent securely", "Opened by the patient at T" and "Answered in the secure page".
 */
@Service
public class SecureMessages {

    static final String SENT_LINE = "Sent securely: the patient gets a link by text and reads it after confirming "
            + "the date of birth.";
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("MMM d, yyyy, h:mm a z", Locale.US);

    private final Replies replies;
    private final ConversationRepository conversationRows;
    private final MessageRepository messages;
    private final MessageWordIndex words;
    private final ContactService contacts;
    private final PracticeProfiles practice;
    private final SecureTokens tokens;
    private final PublicBaseUrl baseUrl;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final JdbcClient jdbc;
    private final SecureMessageSettings settings;
    private final Clock clock;

    SecureMessages(Replies replies, ConversationRepository conversationRows,
                   MessageRepository messages, MessageWordIndex words, ContactService contacts,
                   PracticeProfiles practice, SecureTokens tokens, PublicBaseUrl baseUrl, AuditLog audit,
                   ApplicationEventPublisher events, JdbcClient jdbc, SecureMessageSettings settings, Clock clock) {
        this.replies = replies;
        this.conversationRows = conversationRows;
        this.messages = messages;
        this.words = words;
        this.contacts = contacts;
        this.practice = practice;
        this.tokens = tokens;
        this.baseUrl = baseUrl;
        this.audit = audit;
        this.events = events;
        this.jdbc = jdbc;
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * Sends a reply securely: stored as a reply with its files, the patient texted only the practice's name and a
     * link that opens after the date of birth (for a dependent, the dependent's). All in one transaction.
     *
     * @throws IllegalArgumentException when the patient has no date of birth on file, or the reply is refused as any
     *                                  reply would be (empty, too long, files not allowed)
     * @throws IllegalStateException    when the number may not be texted, or the line's plugin is not loaded
     */
    @Transactional
    @PreAuthorize("@staffAccess.permitsPhi()")
    public MessageView send(StaffMember author, long conversationId, String text, List<Attachment> files) {
        Conversation conversation = conversationRows.findById(conversationId)
                .orElseThrow(() -> new NoSuchElementException("There is no conversation " + conversationId + "."));
        ContactSummary patient = contacts.find(conversation.getContactId())
                .orElseThrow(() -> new NoSuchElementException("There is no such contact."));
        if (patient.dateOfBirth() == null) {
            throw new IllegalArgumentException("Secure messages open with the patient's date of birth, and this "
                    + "contact has none: add it to the patient's profile first.");
        }
        MessageView sent = replies.reply(author, conversationId, text, files);
        messages.flush(); // the link row below refers to the stored reply
        Instant now = clock.instant();
        String nonce = SecureTokens.newNonce();
        jdbc.sql("insert into secure_link (message_id, conversation_id, contact_id, token_hash, token_nonce, "
                        + "created_at, expires_at, next_reminder_at) values (?, ?, ?, ?, ?, ?, ?, ?)")
                .params(sent.id(), conversationId, patient.id(), SecureTokens.hash(tokens.token(nonce)), nonce,
                        ts(now), ts(now.plus(settings.linkValidity())), ts(now.plus(settings.firstReminderAfter())))
                .update();
        long linkId = linkIdOf(sent.id());
        jdbc.sql("insert into secure_link_sms (message_id, link_id) values (?, ?)").params(sent.id(), linkId).update();
        systemLine(conversation, SENT_LINE);
        audit.record(author.username(), AuditAction.SECURE_MESSAGE_SENT, "secure_link", String.valueOf(linkId),
                "message " + sent.id() + ", conversation " + conversationId);
        return sent;
    }

    private long linkIdOf(long messageId) {
        return jdbc.sql("select id from secure_link where message_id = ?").param(messageId).query(Long.class).single();
    }

    /**
     * The text the outbound queue sends for a message that carries a secure link (the first text and its
     * reminders): the practice's name and the link, in the patient's language; nothing else. Empty for any other
     * message, which goes as written.
     */
    @Transactional(readOnly = true)
    public Optional<String> smsText(long messageId) {
        return jdbc.sql("select l.id, l.token_nonce, l.contact_id, l.message_id from secure_link_sms s "
                        + "join secure_link l on l.id = s.link_id where s.message_id = ?")
                .param(messageId)
                .query((rs, row) -> {
                    boolean reminder = rs.getLong("message_id") != messageId;
                    String link = baseUrl.resolve("/s/" + tokens.token(rs.getString("token_nonce"))).toString();
                    return notice(languageFor(rs.getLong("contact_id")), reminder, link);
                })
                .optional();
    }

    /** The language of whoever reads the link: the patient, or for a dependent the guardian holding the phone. */
    String languageFor(long contactId) {
        long reader = contacts.find(contactId).map(c -> c.isDependent() ? c.guardianId() : c.id()).orElse(contactId);
        return contacts.preferredLanguage(reader);
    }

    private String notice(String language, boolean reminder, String link) {
        String name = practice.name();
        if ("es".equals(language)) {
            return (reminder ? "Recordatorio: " : "") + name + " le envió un mensaje seguro. Ábralo aquí: " + link;
        }
        return (reminder ? "Reminder: " : "") + name + " sent you a secure message. Open it here: " + link;
    }

    /**
     * Forgets every browser remembered for a patient: the next visit asks for the date of birth again.
     *
     * @return how many browsers were forgotten
     */
    @Transactional
    @PreAuthorize("@staffAccess.permitsPhi()")
    public int forgetBrowsers(StaffMember staff, long contactId) {
        int forgotten = jdbc.sql("update secure_browser set revoked_at = ?, revoked_by = ? where contact_id = ? "
                        + "and revoked_at is null")
                .params(ts(clock.instant()), staff.username(), contactId).update();
        audit.record(staff.username(), AuditAction.SECURE_BROWSERS_FORGOTTEN, "contact", String.valueOf(contactId),
                forgotten + " browsers");
        return forgotten;
    }

    /** Whether a message was sent securely (for the thread's label). */
    @Transactional(readOnly = true)
    public boolean isSecure(long messageId) {
        return jdbc.sql("select count(*) from secure_link where message_id = ?").param(messageId).query(Long.class)
                .single() > 0;
    }

    /**
     * A conversation combined into another (merged patient records) takes its secure links along, in the combining
     * transaction: the gone conversation's row is deleted next, which would delete its links (and break links the
     * patient already has).
     */
    @EventListener
    void on(ConversationsCombined combined) {
        jdbc.sql("update secure_link set conversation_id = ? where conversation_id = ?")
                .params(combined.keptId(), combined.goneId()).update();
    }

    /** A line in the thread for staff, announced live. */
    void systemLine(Conversation conversation, String text) {
        Message line = messages.save(Message.system(conversation.getId(), conversation.getLineId(), text,
                clock.instant()));
        words.index(line);
        events.publishEvent(new ConversationChanged(conversation.getId(), line.getId(), false));
    }

    /** A time as staff read it in the thread: the practice's zone. */
    String inPracticeZone(Instant at) {
        ZoneId zone = practice.timeZone();
        return WHEN.format(at.atZone(zone));
    }

    static Timestamp ts(Instant at) {
        return at == null ? null : Timestamp.from(at);
    }
}
