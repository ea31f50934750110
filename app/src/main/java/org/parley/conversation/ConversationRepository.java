package org.parley.conversation;

import jakarta.persistence.LockModeType;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

public interface ConversationRepository extends JpaRepository<Conversation, Long> {

    long countByStatus(ConversationStatus status);

    /**
     * Locks the contact's row until the transaction ends: a contact's conversations are started one at a time (the
     * intake takes the same lock), so two nodes starting a conversation with one contact on one line make one, while
     * first texts of different contacts never wait for each other. A unique index cannot say it: a merge leaves the
     * survivor with the duplicate's conversations too.
     */
    @Query(value = "select id from contact where id = :id for update",
            nativeQuery = true)
    List<Long> lockContact(@Param("id") long contactId);

    Optional<Conversation> findFirstByContactIdAndLineIdOrderByIdDesc(long contactId, String lineId);

    /**
     * The contact's newest conversation on the line (as {@link #findFirstByContactIdAndLineIdOrderByIdDesc}), read and
     * locked in one statement until the transaction ends: texts into one conversation update its summary (preview,
     * last activity, open again) one at a time, across nodes, and never lose it to an optimistic conflict.
     */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select c from Conversation c where c.id = (select max(n.id) from Conversation n "
            + "where n.contactId = :contact and n.lineId = :line)")
    Optional<Conversation> lockNewest(@Param("contact") long contactId, @Param("line") String lineId);

    /** A conversation read and locked in one statement until the transaction ends (see {@link #lockNewest}). */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select c from Conversation c where c.id = :id")
    Optional<Conversation> lockById(@Param("id") long conversationId);

    List<Conversation> findByContactIdOrderByIdAsc(long contactId);

    @Query("select c.id from Conversation c where c.contactId = :contact")
    List<Long> idsOfContact(@Param("contact") long contactId);

    Optional<Conversation> findFirstByContactIdInOrderByLastActivityAtDesc(Collection<Long> contactIds);

    /**
     * Moves every conversation of one contact to another. The version goes up, so a change to one of them made
     * meanwhile from an older copy fails instead of moving it back.
     */
    @Modifying(flushAutomatically = true)
    @Query("update Conversation c set c.contactId = :to, c.version = c.version + 1 where c.contactId = :from")
    int moveToContact(@Param("from") long fromContactId, @Param("to") long toContactId);
}
