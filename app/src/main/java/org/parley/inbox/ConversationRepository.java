package org.parley.inbox;

import java.util.List;
import java.util.Optional;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

interface ConversationRepository extends JpaRepository<Conversation, Long> {

    /** A page of conversations in one status, newest activity first, with whether {@code staffId} has unseen patient messages. */
    @Query("""
            select new org.parley.inbox.InboxRow(c.id, c.contactId, c.lineId, c.lastPreview,
                   c.lastActivityAt,
                   case when c.lastInboundAt is not null and (s.seenAt is null or s.seenAt < c.lastInboundAt)
                        then true else false end, c.attention)
            from Conversation c
            left join ConversationSeen s on s.conversationId = c.id and s.staffUserId = :staffId
            where c.status = :status
            order by c.lastActivityAt desc, c.id desc
            """)
    List<InboxRow> page(@Param("status") ConversationStatus status, @Param("staffId") long staffId, Pageable page);

    long countByStatus(ConversationStatus status);

    Optional<Conversation> findFirstByContactIdAndLineIdOrderByIdDesc(long contactId, String lineId);

    Optional<Conversation> findFirstByContactIdInOrderByLastActivityAtDesc(java.util.Collection<Long> contactIds);

    /**
     * Moves every conversation of one contact to another. The version goes up, so a change to one of them made
     * meanwhile from an older copy fails instead of moving it back.
     */
    @org.springframework.data.jpa.repository.Modifying(flushAutomatically = true)
    @Query("update Conversation c set c.contactId = :to, c.version = c.version + 1 where c.contactId = :from")
    int moveToContact(@Param("from") long fromContactId, @Param("to") long toContactId);
}
