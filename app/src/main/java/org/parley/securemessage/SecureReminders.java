package org.parley.securemessage;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.parley.audit.AuditAction;
import org.parley.audit.AuditLog;
import org.parley.base.RecurringJob;
import org.parley.conversation.Conversation;
import org.parley.conversation.ConversationChanged;
import org.parley.conversation.ConversationRepository;
import org.parley.conversation.Message;
import org.parley.conversation.MessageRepository;
import org.parley.conversation.event.OutboundQueued;
import org.parley.practice.PracticeProfiles;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Reminds patients of secure messages they have not opened: a text after {@code first-reminder-after} and one after
 * {@code second-reminder-after}, then no more. Runs once per period in the cluster ({@link RecurringJob}); each
 * reminder is decided by a conditional update of the link's row (its count and next time), so even two runs at once
 * text it once. An expired link is not reminded.
 */
@Component
class SecureReminders implements RecurringJob {

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final ConversationRepository conversations;
    private final MessageRepository messages;
    private final PracticeProfiles practice;
    private final SecureRateLimit rates;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final SecureMessageSettings settings;
    private final Clock clock;

    SecureReminders(JdbcClient jdbc, TransactionTemplate tx, ConversationRepository conversations,
                    MessageRepository messages, PracticeProfiles practice, SecureRateLimit rates, AuditLog audit,
                    ApplicationEventPublisher events, SecureMessageSettings settings, Clock clock) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.conversations = conversations;
        this.messages = messages;
        this.practice = practice;
        this.rates = rates;
        this.audit = audit;
        this.events = events;
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "secure-message-reminders";
    }

    @Override
    public Duration period() {
        return settings.reminderCheck();
    }

    @Override
    public void run() {
        Instant now = clock.instant();
        record Due(long id, long conversationId, int sent, Instant createdAt) {
        }
        List<Due> due = jdbc.sql("select id, conversation_id, reminders_sent, created_at from secure_link "
                        + "where next_reminder_at <= ? and opened_at is null and expires_at > ? order by id")
                .params(SecureMessages.ts(now), SecureMessages.ts(now))
                .query((rs, row) -> new Due(rs.getLong("id"), rs.getLong("conversation_id"),
                        rs.getInt("reminders_sent"), rs.getTimestamp("created_at").toInstant()))
                .list();
        for (Due link : due) {
            tx.executeWithoutResult(status -> remind(link.id(), link.conversationId(), link.sent(),
                    link.createdAt(), now));
        }
        tx.executeWithoutResult(status -> rates.forgetEnded());
    }

    private void remind(long linkId, long conversationId, int sent, Instant createdAt, Instant now) {
        Instant next = sent == 0 ? createdAt.plus(settings.secondReminderAfter()) : null;
        int mine = jdbc.sql("update secure_link set reminders_sent = ?, next_reminder_at = ? where id = ? "
                        + "and reminders_sent = ? and opened_at is null")
                .params(sent + 1, SecureMessages.ts(next), linkId, sent).update();
        if (mine == 0) {
            return;
        }
        Conversation conversation = conversations.findById(conversationId).orElseThrow();
        // The stored text says what it is; what goes out is the notice with the link (SecureMessages.smsText).
        Message reminder = messages.saveAndFlush(Message.automaticText(conversationId, conversation.getLineId(),
                "Reminder of the secure message (" + practice.name() + " and the link only).", now));
        jdbc.sql("insert into secure_link_sms (message_id, link_id) values (?, ?)").params(reminder.getId(), linkId)
                .update();
        audit.record(AuditLog.SYSTEM, AuditAction.SECURE_REMINDER_QUEUED, "secure_link", String.valueOf(linkId),
                "message " + reminder.getId() + ", reminder " + (sent + 1));
        events.publishEvent(new ConversationChanged(conversationId, reminder.getId(), false));
        events.publishEvent(new OutboundQueued(reminder.getId()));
    }
}
