package org.parley.mention;

import org.parley.conversation.ConversationsCombined;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** A mention stays with its note when the note's conversation is combined into another (merged patient records). */
@Component
class MentionsFollowCombinedConversations {

    private final MentionRepository mentions;

    MentionsFollowCombinedConversations(MentionRepository mentions) {
        this.mentions = mentions;
    }

    @EventListener
    void on(ConversationsCombined combined) {
        mentions.moveAll(combined.goneId(), combined.keptId());
    }
}
