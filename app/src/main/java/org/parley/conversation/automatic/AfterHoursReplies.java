package org.parley.conversation.automatic;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.parley.base.LeasedQueue;
import org.parley.compliance.Keyword;
import org.parley.compliance.Keywords;
import org.parley.compliance.SendingRules;
import org.parley.conversation.Conversation;
import org.parley.conversation.ConversationChanged;
import org.parley.conversation.ConversationRouting;
import org.parley.conversation.Message;
import org.parley.conversation.MessageRepository;
import org.parley.conversation.MessageWordIndex;
import org.parley.conversation.event.OutboundQueued;
import org.parley.hours.HoursSettings;
import org.parley.hours.OfficeHours;
import org.parley.line.LineSnapshot;
import org.parley.patient.ContactService;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Answers a patient's text that arrives outside the line's office hours with the line's after-hours reply, queued
 * through the durable outbound queue and shown in the thread as Parley's automatic reply. Runs in the intake's
 * transaction, after the text was stored, with the conversation's row locked by the intake; what it reads is indexed
 * by line or number, so the webhook stays quick.
 *
 * <p>Never in answer to STOP/START/HELP (those have their own answers) or to what may be a request to stop, never to a
 * blocked number, and never to a number that may not be texted (opted out, DO NOT TEXT, landline: the queue checks
 * again before sending). At most once per conversation per {@code parley.hours.after-hours-reply-period}: decided by
 * a conditional update of the conversation's row, so two texts arriving together, on one node or two, give one reply.
 */
@Component
public class AfterHoursReplies {

    private final OfficeHours officeHours;
    private final HoursSettings settings;
    private final SendingRules sendingRules;
    private final ContactService contacts;
    private final ConversationRouting routing;
    private final MessageRepository messages;
    private final MessageWordIndex words;
    private final ApplicationEventPublisher events;
    private final JdbcClient jdbc;
    private final Clock clock;

    AfterHoursReplies(OfficeHours officeHours, HoursSettings settings, SendingRules sendingRules,
                      ContactService contacts, ConversationRouting routing, MessageRepository messages,
                      MessageWordIndex words, ApplicationEventPublisher events, JdbcClient jdbc, Clock clock) {
        this.officeHours = officeHours;
        this.settings = settings;
        this.sendingRules = sendingRules;
        this.contacts = contacts;
        this.routing = routing;
        this.messages = messages;
        this.words = words;
        this.events = events;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * Reacts to a patient's text just stored in {@code conversation}.
     *
     * @return whether an after-hours reply was queued
     */
    public boolean patientWrote(LineSnapshot line, Conversation conversation, String from, String text) {
        if (Keywords.classify(text) != Keyword.NONE) {
            return false;
        }
        Instant now = clock.instant();
        Optional<String> reply = officeHours.afterHoursReply(line.id(), now);
        if (reply.isEmpty() || routing.isBlocked(from)) {
            return false;
        }
        Optional<String> to = contacts.textNumber(conversation.getContactId());
        if (sendingRules.check(line.id(), to.orElse(null), false).isPresent()) {
            return false;
        }
        if (!firstInPeriod(conversation.getId(), now)) {
            return false;
        }
        Message sent = messages.save(Message.automaticText(conversation.getId(), line.id(), reply.get(), now));
        words.index(sent);
        events.publishEvent(new ConversationChanged(conversation.getId(), sent.getId(), false));
        events.publishEvent(new OutboundQueued(sent.getId()));
        return true;
    }

    /** One row updated: this text is the period's first, and the period starts now. */
    private boolean firstInPeriod(long conversationId, Instant now) {
        return jdbc.sql("update conversation set after_hours_replied_at = ? where id = ? "
                        + "and (after_hours_replied_at is null or after_hours_replied_at <= ?)")
                .params(LeasedQueue.timestamp(now), conversationId,
                        LeasedQueue.timestamp(now.minus(settings.afterHoursReplyPeriod())))
                .update() == 1;
    }
}
