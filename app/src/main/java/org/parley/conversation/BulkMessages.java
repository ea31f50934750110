package org.parley.conversation;

import java.time.Clock;
import java.time.ZoneId;
import java.util.Optional;
import org.parley.base.LeasedQueue;
import org.parley.compliance.SendingRules;
import org.parley.conversation.event.OutboundQueued;
import org.parley.patient.ContactService;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Stores and queues one message of a bulk send (a broadcast) in the patient's own conversation on the line, started
 * when there is none, so the patient's answer lands in it. Runs in the caller's transaction: the message, its queue row
 * and whatever the caller records about it commit together or not at all. The sending rules are checked here and
 * again by the queue before it goes; the queue holds it back outside quiet hours in {@code quietHoursZone}.
 */
@Component
public class BulkMessages {

    private final ConversationRepository conversations;
    private final MessageRepository messages;
    private final MessageWordIndex words;
    private final ContactService contacts;
    private final SendingRules sendingRules;
    private final ConversationRouting routing;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final JdbcClient jdbc;

    BulkMessages(ConversationRepository conversations, MessageRepository messages, MessageWordIndex words,
                 ContactService contacts, SendingRules sendingRules, ConversationRouting routing,
                 ApplicationEventPublisher events, Clock clock, JdbcClient jdbc) {
        this.jdbc = jdbc;
        this.conversations = conversations;
        this.messages = messages;
        this.words = words;
        this.contacts = contacts;
        this.sendingRules = sendingRules;
        this.routing = routing;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Queues {@code body} to the contact from the line, written by {@code authorId}.
     *
     * @return the message's id
     * @throws IllegalStateException naming why the number may not be texted (nothing stored)
     */
    public long queue(long contactId, String lineId, long authorId, String body, ZoneId quietHoursZone) {
        Optional<String> number = contacts.textNumber(contactId);
        sendingRules.blocked(lineId, number.orElse(null), false).ifPresent(why -> {
            throw new IllegalStateException(why);
        });
        Conversation conversation = conversations.findFirstByContactIdAndLineIdOrderByIdDesc(contactId, lineId)
                .or(() -> {
                    // a first text from the patient at this moment starts the same conversation: take turns
                    conversations.lockContact(contactId);
                    return conversations.findFirstByContactIdAndLineIdOrderByIdDesc(contactId, lineId);
                })
                .orElseGet(() -> conversations.save(new Conversation(lineId, contactId,
                        routing.listForNew(lineId, number.orElse(null)), clock.instant())));
        Message message = messages.save(Message.bulk(conversation.getId(), lineId, authorId, body, clock.instant(),
                quietHoursZone));
        words.index(message);
        conversation.activity(body, clock.instant());
        events.publishEvent(new ConversationChanged(conversation.getId(), message.getId(), false));
        events.publishEvent(new OutboundQueued(message.getId()));
        return message.getId();
    }

    /**
     * Takes back a bulk message that the queue has not started on (its row not under lease, never tried): it fails
     * with {@code reason} in the thread and is never sent.
     *
     * @return whether it was taken back; false when it went, is going, or was already finished
     */
    public boolean withdraw(long messageId, String reason) {
        Message message = messages.findById(messageId).orElse(null);
        if (message == null || message.getStatus() != MessageStatus.QUEUED || message.getAttempts() > 0) {
            return false;
        }
        if (jdbc.sql("delete from outbound_task where id = ? and (lease_until is null or lease_until < ?)")
                .params(messageId, LeasedQueue.timestamp(clock.instant())).update() != 1) {
            return false;
        }
        message.failed(reason, clock.instant());
        events.publishEvent(new ConversationChanged(message.getConversationId(), messageId, false));
        return true;
    }
}
