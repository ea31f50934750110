package org.parley.conversation.automatic;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;
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
import org.parley.line.LineSnapshot;
import org.parley.patient.ContactService;
import org.parley.routing.ReasonPicker;
import org.parley.routing.ReasonPickers;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The reason picker in a conversation ({@link ReasonPickers}): a new conversation's first text on a line with a picker
 * gets the question as an automatic message through the durable outbound queue; the patient's answer "1", "2" or "3"
 * (also " 2 ", "2.") places the conversation as the reason says, once, and is acknowledged. Any other text is no answer:
 * the conversation goes on as normal, and stays unrouted. Runs in the intake's transaction, with the conversation's
 * row locked by the intake.
 *
 * <p>Asked at most once per conversation and answered at most once: both decided by a conditional update of the
 * conversation's row ({@code reason_asked_at}, {@code reason_answer}), so two texts on two nodes give one question and
 * one routing. Never asked in answer to STOP/START/HELP (or what may be a request to stop), never of a blocked number
 * and never of one that may not be texted (opted out, DO NOT TEXT, landline: the queue checks again before sending).
 * Once a staff member has written in the conversation a person took it over: a number then is no answer.
 */
@Component
public class ReasonQuestions {

    private final ReasonPickers pickers;
    private final SendingRules sendingRules;
    private final ContactService contacts;
    private final ConversationRouting routing;
    private final MessageRepository messages;
    private final MessageWordIndex words;
    private final ApplicationEventPublisher events;
    private final JdbcClient jdbc;
    private final Clock clock;

    ReasonQuestions(ReasonPickers pickers, SendingRules sendingRules, ContactService contacts,
                    ConversationRouting routing, MessageRepository messages, MessageWordIndex words,
                    ApplicationEventPublisher events, JdbcClient jdbc, Clock clock) {
        this.pickers = pickers;
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
     * Routes the conversation if the patient's text just stored answers its open question; called before anyone is
     * told of the text, so the chosen list is the one that hears of it.
     *
     * @return whether the text was an answer that routed the conversation
     */
    public boolean patientAnswered(Conversation conversation, boolean blocked, String text) {
        OptionalInt choice = ReasonPickers.answer(text);
        if (choice.isEmpty() || blocked) {
            return false;
        }
        Optional<Instant> asked = jdbc.sql("select reason_asked_at from conversation where id = ? "
                        + "and reason_answer is null").param(conversation.getId())
                .query((rs, n) -> Optional.ofNullable(rs.getTimestamp(1)).map(Timestamp::toInstant))
                .optional().flatMap(o -> o);
        if (asked.isEmpty() || staffWroteSince(conversation.getId(), asked.get())) {
            return false;
        }
        Optional<ReasonPicker> picker = pickers.forLine(conversation.getLineId());
        Optional<ReasonPicker.Reason> reason = picker.flatMap(p -> p.reason(choice.getAsInt()));
        if (reason.isEmpty() || jdbc.sql("update conversation set reason_answer = ? where id = ? "
                        + "and reason_asked_at is not null and reason_answer is null")
                .params(choice.getAsInt(), conversation.getId()).update() != 1) {
            return false;
        }
        routing.applyReason(conversation, reason.get());
        Optional<String> to = contacts.textNumber(conversation.getContactId());
        if (sendingRules.check(conversation.getLineId(), to.orElse(null), false).isEmpty()) {
            automatic(conversation, ReasonPicker.acknowledgement(reason.get()));
        }
        return true;
    }

    /**
     * Asks the question when the patient's text just stored ({@code message}) is the first message of a conversation on
     * a line with a reason picker. {@code blocked} and {@code startsOrReopens} are what the intake already knows of
     * the number and the conversation: a text into an open conversation costs no statement here.
     *
     * @return whether the question was queued
     */
    public boolean patientWrote(LineSnapshot line, Conversation conversation, Message message, boolean blocked,
                                boolean startsOrReopens, String text) {
        if (!startsOrReopens || blocked || Keywords.classify(text) != Keyword.NONE) {
            return false;
        }
        Optional<ReasonPicker> picker = pickers.forLine(line.id());
        if (picker.isEmpty() || !firstMessage(conversation.getId(), message.getId())) {
            return false;
        }
        Optional<String> to = contacts.textNumber(conversation.getContactId());
        if (sendingRules.check(line.id(), to.orElse(null), false).isPresent()) {
            return false;
        }
        Instant now = clock.instant();
        if (jdbc.sql("update conversation set reason_asked_at = ? where id = ? and reason_asked_at is null")
                .params(LeasedQueue.timestamp(now), conversation.getId()).update() != 1) {
            return false;
        }
        automatic(conversation, picker.get().text());
        return true;
    }

    /** No message of the conversation came before the patient's text (a conversation staff or a broadcast began is no new one). */
    private boolean firstMessage(long conversationId, long messageId) {
        return jdbc.sql("select count(*) from message where conversation_id = ? and id < ?")
                .params(conversationId, messageId).query(Long.class).single() == 0;
    }

    private boolean staffWroteSince(long conversationId, Instant asked) {
        return jdbc.sql("select count(*) from message where conversation_id = ? and direction = 'OUTBOUND' "
                        + "and author_id is not null and created_at >= ?")
                .params(conversationId, LeasedQueue.timestamp(asked)).query(Long.class).single() > 0;
    }

    private void automatic(Conversation conversation, String text) {
        Message sent = messages.save(Message.automaticText(conversation.getId(), conversation.getLineId(), text,
                clock.instant()));
        words.index(sent);
        events.publishEvent(new ConversationChanged(conversation.getId(), sent.getId(), false));
        events.publishEvent(new OutboundQueued(sent.getId()));
    }
}
