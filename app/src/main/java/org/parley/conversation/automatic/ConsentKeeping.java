package org.parley.conversation.automatic;

import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import org.parley.compliance.ConsentService;
import org.parley.compliance.Keyword;
import org.parley.compliance.Keywords;
import org.parley.conversation.Attention;
import org.parley.conversation.Conversation;
import org.parley.conversation.ConversationChanged;
import org.parley.conversation.Message;
import org.parley.conversation.MessageRepository;
import org.parley.conversation.MessageWordIndex;
import org.parley.conversation.event.OutboundQueued;
import org.parley.line.KeywordReplies;
import org.parley.line.LineSnapshot;
import org.parley.practice.PracticeProfiles;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * What the inbox does about consent and delivery: honours STOP/START/HELP in a patient's text (a line in the
 * thread, the consent change, and exactly one confirmation: Parley's, unless the line says its provider sends
 * it), flags texts that ask to stop in other words, and flags conversations whose reply did not arrive.
 * Runs inside the caller's transaction.
 */
@Component
public class ConsentKeeping {

    private final ConsentService consent;
    private final MessageRepository messages;
    private final MessageWordIndex words;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final PracticeProfiles practice;

    ConsentKeeping(ConsentService consent, MessageRepository messages, MessageWordIndex words,
                   ApplicationEventPublisher events, Clock clock,
                   PracticeProfiles practice) {
        this.consent = consent;
        this.messages = messages;
        this.words = words;
        this.events = events;
        this.clock = clock;
        this.practice = practice;
    }

    /** Reacts to a patient's text that was just stored in {@code conversation}. */
    public void patientWrote(LineSnapshot line, Conversation conversation, String from, String text) {
        Keyword keyword = Keywords.classify(text);
        String word = text == null ? "" : text.strip().toUpperCase(Locale.ROOT);
        boolean parleyReplies = line.keywordReplies() == KeywordReplies.PARLEY;
        switch (keyword) {
            case OPT_OUT -> {
                consent.optOut(line.id(), from, "replied " + word);
                note(conversation, "Opted out of texts by replying " + word
                        + ". Nothing can be sent until the patient replies START.");
                if (parleyReplies) {
                    reply(conversation, practice.name() + ": you will get no more texts from this number. "
                            + "Reply START to get them again.");
                }
            }
            case OPT_IN -> {
                consent.optIn(line.id(), from, "replied " + word);
                note(conversation, "Opted back in to texts by replying " + word + ".");
                if (parleyReplies) {
                    reply(conversation, practice.name() + ": you will get texts from this number again. "
                            + "Reply STOP to opt out.");
                }
            }
            case HELP -> {
                if (parleyReplies) {
                    reply(conversation, line.helpText() != null ? line.helpText()
                            : practice.name() + ": reply to this number to reach our team. In an emergency call 911. "
                                    + "Reply STOP to opt out.");
                }
            }
            case POSSIBLE_OPT_OUT -> conversation.needsAttention(Attention.POSSIBLE_OPT_OUT,
                    "Possible opt-out request: read the message and opt the patient out if they asked to stop.",
                    clock.instant());
            case NONE -> {
            }
        }
    }

    /** A reply did not reach the patient: back into the inbox, flagged, with the reason. */
    public void notDelivered(Message message, Conversation conversation, String reason) {
        conversation.needsAttention(Attention.DELIVERY_FAILED,
                "Not delivered — call or resend" + (reason == null || reason.isBlank() ? "." : ": " + reason),
                clock.instant());
        events.publishEvent(new ConversationChanged(conversation.getId(), message.getId(), false));
    }

    /**
     * An outbound message's fate is unknown (see {@link org.parley.conversation.MessageStatus#UNCONFIRMED}): the
     * conversation asks staff to check with the patient before resending.
     */
    public void mayNotHaveBeenSent(Message message, Conversation conversation) {
        conversation.needsAttention(Attention.DELIVERY_FAILED,
                "May not have been sent — check with the patient before resending.", clock.instant());
        events.publishEvent(new ConversationChanged(conversation.getId(), message.getId(), false));
    }

    /** The provider says the number opted out (e.g. Twilio 21610): record it as the patient's STOP. */
    public void providerReportsOptOut(Conversation conversation, String number) {
        if (!consent.status(conversation.getLineId(), number).optedOut()) {
            consent.optOut(conversation.getLineId(), number, "the provider reported an opt-out");
            note(conversation, "The provider reports that this number opted out of texts. "
                    + "Nothing can be sent until the patient replies START.");
        }
    }

    private void note(Conversation conversation, String text) {
        Instant now = clock.instant();
        Message line = messages.save(Message.system(conversation.getId(), conversation.getLineId(), text, now));
        words.index(line);
        events.publishEvent(new ConversationChanged(conversation.getId(), line.getId(), false));
    }

    private void reply(Conversation conversation, String text) {
        Message reply = messages.save(Message.automaticReply(conversation.getId(), conversation.getLineId(), text,
                clock.instant()));
        words.index(reply);
        events.publishEvent(new ConversationChanged(conversation.getId(), reply.getId(), false));
        events.publishEvent(new OutboundQueued(reply.getId()));
    }
}
