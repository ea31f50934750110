package org.parley.conversation;

import java.util.List;
import java.util.Optional;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

public interface ConversationRepository extends JpaRepository<Conversation, Long> {

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
