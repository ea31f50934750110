package org.parley.conversation;

import java.util.List;
import java.util.Optional;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

public interface ConversationRepository extends JpaRepository<Conversation, Long> {

    long countByStatus(ConversationStatus status);

    /**
     * Locks the line's row until the transaction ends: conversations on a line are created one at a time (the intake
     * takes the same lock), so two nodes starting a conversation with one contact on one line make one. A unique
     * index cannot say it: a merge leaves the survivor with the duplicate's conversations too.
     */
    @org.springframework.data.jpa.repository.Query(value = "select id from line where id = :id for update",
            nativeQuery = true)
    List<String> lockLine(@org.springframework.data.repository.query.Param("id") String lineId);

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
