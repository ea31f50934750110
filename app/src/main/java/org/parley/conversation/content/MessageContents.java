package org.parley.conversation.content;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.parley.conversation.Conversation;
import org.parley.conversation.ConversationRepository;
import org.parley.conversation.Message;
import org.parley.conversation.MessageRepository;
import org.parley.conversation.media.MediaInfo;
import org.parley.conversation.media.MessageMedia;
import org.parley.conversation.media.MessageMediaRepository;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Messages of a conversation in full (text, author, attachments' bytes), for features that copy them elsewhere,
 * e.g. into a patient's chart. Reading them here keeps the inbox's entities inside the inbox.
 */
@Service
// Patients' data only for a session with the STAFF or ADMIN role (see StaffAccess).
@PreAuthorize("@staffAccess.permitsPhi()")
public class MessageContents {

    private final ConversationRepository conversations;
    private final MessageRepository messages;
    private final MessageMediaRepository media;

    MessageContents(ConversationRepository conversations, MessageRepository messages, MessageMediaRepository media) {
        this.conversations = conversations;
        this.messages = messages;
        this.media = media;
    }

    /**
     * The contact a conversation is with.
     *
     * @throws NoSuchElementException when there is no such conversation
     */
    @Transactional(readOnly = true)
    public long contactOf(long conversationId) {
        return conversations.findById(conversationId).map(Conversation::getContactId)
                .orElseThrow(() -> new NoSuchElementException("There is no conversation " + conversationId + "."));
    }

    /**
     * These messages of a conversation, oldest first.
     *
     * @throws IllegalArgumentException when a message does not exist or belongs to another conversation
     */
    @Transactional(readOnly = true)
    public List<MessageContent> of(long conversationId, Collection<Long> messageIds) {
        List<Message> found = messages.findAllById(messageIds);
        if (found.size() != messageIds.stream().distinct().count()
                || found.stream().anyMatch(m -> m.getConversationId() != conversationId)) {
            throw new IllegalArgumentException("A selected message is no longer in this conversation.");
        }
        Map<Long, List<MessageContent.Attachment>> attachments = new HashMap<>();
        if (!found.isEmpty()) {
            for (Object[] row : media.infoOf(found.stream().map(Message::getId).toList())) {
                MediaInfo info = (MediaInfo) row[1];
                if (info.tooLarge()) {
                    continue;
                }
                byte[] data = media.findById(info.id()).map(MessageMedia::getData).orElse(null);
                if (data != null) {
                    attachments.computeIfAbsent((Long) row[0], k -> new ArrayList<>())
                            .add(new MessageContent.Attachment(info.fileName(), info.contentType(), data));
                }
            }
        }
        return found.stream()
                .sorted(Comparator.comparing(Message::getCreatedAt).thenComparing(Message::getId))
                .map(m -> new MessageContent(m.getId(), m.getDirection(), m.getStatus(), m.getBody(),
                        m.getAuthorId(), m.isSystemReply(), m.getCreatedAt(),
                        attachments.getOrDefault(m.getId(), List.of())))
                .toList();
    }
}
