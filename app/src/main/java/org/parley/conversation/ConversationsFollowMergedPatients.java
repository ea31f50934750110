package org.parley.conversation;

import org.parley.patient.PatientsMerged;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * When two patients are merged, their conversations (with every message, note and file in them) move to the
 * survivor. Synchronous and inside the merge's transaction, unlike most listeners: a merge that left conversations
 * behind with a record nobody can see would hide a patient's history.
 */
@Component
class ConversationsFollowMergedPatients {

    private final ConversationRepository conversations;

    ConversationsFollowMergedPatients(ConversationRepository conversations) {
        this.conversations = conversations;
    }

    @EventListener
    void moveConversations(PatientsMerged merged) {
        conversations.moveToContact(merged.mergedId(), merged.survivorId());
    }
}
