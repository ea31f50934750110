package org.parley.mention;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

public interface MentionRepository extends JpaRepository<Mention, Long> {

    List<Mention> findByMessageIdIn(Collection<Long> messageIds);

    long countByStaffUserIdAndFirstReadAtIsNull(long staffUserId);

    List<Mention> findByStaffUserIdAndFirstReadAtIsNullOrderByCreatedAtDesc(long staffUserId, Pageable page);

    /** The first time a mentioned staff member opens the conversation, their mentions there are read. */
    @Modifying(flushAutomatically = true)
    @Query("update Mention m set m.firstReadAt = :at where m.conversationId = :conversation "
            + "and m.staffUserId = :staff and m.firstReadAt is null")
    int markRead(@Param("conversation") long conversationId, @Param("staff") long staffId, @Param("at") Instant at);

    /** Two conversations became one: the gone one's mentions point at the kept one. */
    @Modifying(flushAutomatically = true)
    @Query("update Mention m set m.conversationId = :to where m.conversationId = :from")
    int moveAll(@Param("from") long fromConversationId, @Param("to") long toConversationId);

    @Modifying
    @Query("delete from Mention m where m.messageId = :message")
    int deleteByMessage(@Param("message") long messageId);
}
