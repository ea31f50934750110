package org.parley.conversation;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

public interface MessageRepository extends JpaRepository<Message, Long> {

    boolean existsByLineIdAndProviderMessageId(String lineId, String providerMessageId);

    Optional<Message> findByLineIdAndProviderMessageId(String lineId, String providerMessageId);

    /** The newest messages of a conversation first; the view reverses a page for reading. */
    List<Message> findByConversationIdOrderByCreatedAtDescIdDesc(long conversationId, Pageable page);

    long countByConversationId(long conversationId);

    @Query("select m.id from Message m where m.status = :status and m.nextAttemptAt <= :now order by m.nextAttemptAt")
    List<Long> findDue(@Param("status") MessageStatus status, @Param("now") Instant now, Pageable page);

    /** Takes a due message for sending; only one sender can win. */
    @Modifying
    @Query("update Message m set m.status = org.parley.conversation.MessageStatus.SENDING, m.version = m.version + 1 "
            + "where m.id = :id and m.status = org.parley.conversation.MessageStatus.QUEUED")
    int claim(@Param("id") long id);

    /** Messages a stopped app left half-sent go back in the queue; their key stops a provider sending twice. */
    @Modifying
    @Query("update Message m set m.status = org.parley.conversation.MessageStatus.QUEUED, m.nextAttemptAt = :now, "
            + "m.version = m.version + 1 where m.status = org.parley.conversation.MessageStatus.SENDING")
    int requeueInFlight(@Param("now") Instant now);

    List<Message> findByStatusIn(Collection<MessageStatus> statuses);

    /** The conversation, among these contacts' on a line, that the practice last wrote to since {@code since}. */
    @Query("select m.conversationId from Message m, Conversation c where c.id = m.conversationId "
            + "and c.contactId in :contacts and c.lineId = :line and m.direction = org.parley.conversation.Direction.OUTBOUND "
            + "and m.systemReply = false and m.createdAt >= :since order by m.createdAt desc, m.id desc")
    List<Long> latestOutboundConversation(@Param("contacts") Collection<Long> contactIds, @Param("line") String lineId,
                                          @Param("since") Instant since, Pageable page);
}
