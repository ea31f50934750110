package org.parley.conversation;

import java.time.Clock;
import java.util.NoSuchElementException;
import org.parley.audit.AuditAction;
import org.parley.audit.AuditLog;
import org.parley.patient.ContactKind;
import org.parley.patient.ContactService;
import org.parley.patient.ContactSummary;
import org.parley.security.StaffMember;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Messages that belong elsewhere: a family member's text moved to their own conversation, an organisation's message
 * (a pharmacy, a lab) copied into the patient's conversation it is about. Both threads say so, and the audit log.
 */
@Service
// Patients' data only for a session with the STAFF or ADMIN role (see StaffAccess).
@PreAuthorize("@staffAccess.permitsPhi()")
public class MessageMoves {

    private final ConversationRepository conversations;
    private final MessageRepository messages;
    private final MessageWordIndex words;
    private final ContactService contacts;
    private final ConversationRouting routing;
    private final ConversationService reading;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    MessageMoves(ConversationRepository conversations, MessageRepository messages, MessageWordIndex words, ContactService contacts, ConversationRouting routing, ConversationService reading, AuditLog audit, ApplicationEventPublisher events, Clock clock) {
        this.conversations = conversations;
        this.messages = messages;
        this.words = words;
        this.contacts = contacts;
        this.routing = routing;
        this.reading = reading;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Moves a patient's message (a text or voicemail from the family's shared number) to another family member's
     * conversation. Both threads record the move, and so does the audit log.
     *
     * @throws IllegalArgumentException when the message is not the family's or the contact is not in the family
     */
    @Transactional
    public long moveMessage(StaffMember staffMember, long messageId, long toContactId) {
        Message message = messages.findById(messageId)
                .orElseThrow(() -> new NoSuchElementException("There is no such message."));
        if (message.getDirection() != Direction.INBOUND && message.getDirection() != Direction.VOICEMAIL) {
            throw new IllegalArgumentException("Only a patient's text or voicemail can be moved.");
        }
        Conversation from = conversations.findById(message.getConversationId()).orElseThrow();
        if (reading.familyElsewhere(from.getId()).stream().noneMatch(member -> member.id() == toContactId)) {
            throw new IllegalArgumentException("The message can only move to another member of the same family.");
        }
        Conversation to = conversations.findFirstByContactIdAndLineIdOrderByIdDesc(toContactId, from.getLineId())
                .or(() -> {
                    conversations.lockContact(toContactId);
                    return conversations.findFirstByContactIdAndLineIdOrderByIdDesc(toContactId, from.getLineId());
                })
                .orElseGet(() -> conversations.save(new Conversation(from.getLineId(), toContactId,
                        routing.listForNew(from.getLineId(), null), clock.instant())));
        String fromName = contacts.find(from.getContactId()).map(ContactSummary::displayName).orElse("another patient");
        String toName = contacts.find(toContactId).map(ContactSummary::displayName).orElse("another patient");
        message.moveTo(to.getId());
        words.moved(message);
        to.inbound(message.getBody().isBlank() ? "Voicemail" : message.getBody(), clock.instant());
        Message left = messages.save(Message.system(from.getId(), from.getLineId(),
                "A message was moved to " + toName + "'s conversation by " + staffMember.displayName() + ".",
                clock.instant()));
        words.index(left);
        Message arrived = messages.save(Message.system(to.getId(), to.getLineId(),
                "A message was moved here from " + fromName + "'s conversation by " + staffMember.displayName() + ".",
                clock.instant()));
        words.index(arrived);
        audit.record(staffMember.username(), AuditAction.MESSAGE_MOVED, "message", String.valueOf(messageId),
                "from conversation " + from.getId() + " to conversation " + to.getId());
        events.publishEvent(new ConversationChanged(from.getId(), left.getId(), false));
        events.publishEvent(new ConversationChanged(to.getId(), arrived.getId(), false));
        return to.getId();
    }

    /**
     * Copies a message from an organisation's conversation (a pharmacy, a lab) into a patient's conversation as an
     * internal note naming where it came from; the source thread records the copy, and so does the audit log.
     */
    @Transactional
    public long copyToPatient(StaffMember staffMember, long messageId, long patientContactId) {
        Message message = messages.findById(messageId)
                .orElseThrow(() -> new NoSuchElementException("There is no such message."));
        Conversation from = conversations.findById(message.getConversationId()).orElseThrow();
        ContactSummary source = contacts.find(from.getContactId()).orElseThrow();
        ContactSummary patient = contacts.find(patientContactId)
                .filter(c -> c.kind() == ContactKind.PATIENT)
                .orElseThrow(() -> new IllegalArgumentException("Choose a patient to copy the message to."));
        long target = reading.conversationWith(staffMember, patientContactId);
        Conversation to = conversations.findById(target).orElseThrow();
        Message note = messages.save(Message.note(to.getId(), to.getLineId(), staffMember.id(),
                "From " + source.displayName() + ": " + message.getBody(), clock.instant()));
        words.index(note);
        to.activity("Note: from " + source.displayName(), clock.instant());
        Message copied = messages.save(Message.system(from.getId(), from.getLineId(),
                "Copied to " + patient.displayName() + "'s conversation by " + staffMember.displayName() + ".",
                clock.instant()));
        words.index(copied);
        audit.record(staffMember.username(), AuditAction.MESSAGE_COPIED, "message", String.valueOf(messageId),
                "to conversation " + to.getId());
        events.publishEvent(new ConversationChanged(to.getId(), note.getId(), false));
        events.publishEvent(new ConversationChanged(from.getId(), copied.getId(), false));
        return to.getId();
    }

}
