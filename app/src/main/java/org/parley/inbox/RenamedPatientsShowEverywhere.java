package org.parley.inbox;

import org.parley.conversation.ConversationChanged;
import org.parley.conversation.ConversationRepository;
import org.parley.patient.PatientDetailsChanged;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * A patient's new name reaches every open inbox, not only the screen it was saved on: each of the patient's
 * conversations is announced as changed, in the saving transaction, so every node's screens refresh those rows and an
 * open conversation its header once it committed.
 */
@Component
class RenamedPatientsShowEverywhere {

    private final ConversationRepository conversations;
    private final ApplicationEventPublisher events;

    RenamedPatientsShowEverywhere(ConversationRepository conversations, ApplicationEventPublisher events) {
        this.conversations = conversations;
        this.events = events;
    }

    @EventListener
    void on(PatientDetailsChanged changed) {
        for (long conversation : conversations.idsOfContact(changed.contactId())) {
            events.publishEvent(new ConversationChanged(conversation, 0, false));
        }
    }
}
