package org.parley.inbox;

import org.parley.conversation.ConversationChanged;
import org.parley.tag.ConversationTagsChanged;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * A tag put on or taken off a conversation reaches every open inbox: the conversation is announced as changed in the
 * tagging transaction, so every node's screens refresh its row once that committed. The tag feature knows nothing of
 * conversations' live updates (conversation already depends on it through routing).
 */
@Component
class TagsShowEverywhere {

    private final ApplicationEventPublisher events;

    TagsShowEverywhere(ApplicationEventPublisher events) {
        this.events = events;
    }

    @EventListener
    void on(ConversationTagsChanged changed) {
        events.publishEvent(new ConversationChanged(changed.conversationId(), 0, false));
    }
}
