package org.parley.conversation;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.parley.audit.AuditAction;
import org.parley.audit.AuditLog;
import org.parley.conversation.event.ConversationsCombined;
import org.parley.mention.MentionRepository;
import org.parley.patient.PatientsMerged;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * When two patients are merged, their conversations (with every message, note and file in them) move to the
 * survivor. Synchronous and inside the merge's transaction, unlike most listeners: a merge that left conversations
 * behind with a record nobody can see would hide a patient's history.
 *
 * <p>Where both records had a conversation on the same line, the two become one thread (staff would otherwise find
 * one patient twice in the inbox, and a reply would go to whichever the next text happened to land in): the
 * survivor's conversation keeps its id, takes in the other's messages, which the thread shows in time order, and says
 * so in a note; the other's row goes. Audited.
 */
@Component
class ConversationsFollowMergedPatients {

    static final String COMBINED_NOTE = "The conversations of two patient records merged into one are combined here.";

    private final ConversationRepository conversations;
    private final MessageRepository messages;
    private final MessageWordIndex words;
    private final ConversationSeenRepository seen;
    private final MentionRepository mentions;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    ConversationsFollowMergedPatients(ConversationRepository conversations, MessageRepository messages,
                                      MessageWordIndex words, ConversationSeenRepository seen,
                                      MentionRepository mentions, AuditLog audit, ApplicationEventPublisher events,
                                      Clock clock) {
        this.conversations = conversations;
        this.messages = messages;
        this.words = words;
        this.seen = seen;
        this.mentions = mentions;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
    }

    @EventListener
    void moveConversations(PatientsMerged merged) {
        Set<Long> survivorsOwn = Set.copyOf(conversations.idsOfContact(merged.survivorId()));
        conversations.moveToContact(merged.mergedId(), merged.survivorId());
        Map<String, List<Conversation>> byLine = new LinkedHashMap<>();
        for (Conversation conversation : conversations.findByContactIdOrderByIdAsc(merged.survivorId())) {
            byLine.computeIfAbsent(conversation.getLineId(), line -> new ArrayList<>()).add(conversation);
        }
        for (List<Conversation> onOneLine : byLine.values()) {
            if (onOneLine.size() > 1) {
                // The survivor's newest conversation on the line stays (the one its texts land in); any other joins it.
                Conversation kept = onOneLine.stream().filter(c -> survivorsOwn.contains(c.getId()))
                        .reduce((older, newer) -> newer).orElse(onOneLine.getLast());
                onOneLine.stream().filter(c -> c != kept).forEach(gone -> combine(kept, gone));
            }
        }
    }

    private void combine(Conversation kept, Conversation gone) {
        messages.moveAll(gone.getId(), kept.getId());
        words.combined(gone.getId(), kept.getId());
        seen.deleteByConversation(gone.getId());
        mentions.moveAll(gone.getId(), kept.getId());
        events.publishEvent(new ConversationsCombined(kept.getId(), gone.getId()));
        kept.absorb(gone);
        Message note = messages.save(Message.system(kept.getId(), kept.getLineId(), COMBINED_NOTE, clock.instant()));
        conversations.delete(gone);
        audit.record(AuditLog.SYSTEM, AuditAction.CONVERSATIONS_COMBINED, "conversation", String.valueOf(kept.getId()),
                "combined conversation " + gone.getId());
        events.publishEvent(new ConversationChanged(kept.getId(), note.getId(), false));
    }
}
