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

    /** Whether any message went this way with one of these statuses (Get started: a text has gone out). */
    boolean existsByDirectionAndStatusIn(Direction direction, Collection<MessageStatus> statuses);

    List<Message> findByStatusIn(Collection<MessageStatus> statuses);

    /**
     * The conversation, among these contacts' on a line, that staff last wrote to since {@code since} (Parley's automatic
     * replies, such as the after-hours reply, do not say whom a guardian is answering).
     */
    @Query("select m.conversationId from Message m, Conversation c where c.id = m.conversationId "
            + "and c.contactId in :contacts and c.lineId = :line and m.direction = org.parley.conversation.Direction.OUTBOUND "
            + "and m.systemReply = false and m.authorId is not null and m.createdAt >= :since "
            + "order by m.createdAt desc, m.id desc")
    List<Long> latestOutboundConversation(@Param("contacts") Collection<Long> contactIds, @Param("line") String lineId,
                                          @Param("since") Instant since, Pageable page);

    /** Every message of one conversation moves to another (two conversations combined). */
    @Modifying(flushAutomatically = true)
    @Query("update Message m set m.conversationId = :to where m.conversationId = :from")
    int moveAll(@Param("from") long fromConversationId, @Param("to") long toConversationId);
}
