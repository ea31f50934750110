package org.parley.intake;

import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import org.parley.conversation.Conversation;
import org.springframework.stereotype.Repository;

/**
 * Row locks that make concurrent webhooks of one patient wait for each other instead of conflicting: a burst of texts
 * (several texts sent at once, a long text the carrier splits, a provider replaying a backlog) lands in one
 * conversation, each text stored once. Database locks, not JVM locks, so they hold across several Parley nodes on
 * one PostgreSQL; they last until the intake transaction ends. A repository, so lock failures arrive translated into
 * Spring's exceptions, which the webhook controller retries.
 */
@Repository
class IntakeLocks {

    private final EntityManager entityManager;

    IntakeLocks(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /**
     * Locks a conversation's row and reads it afresh, so that its summary (preview, last activity, open again) is
     * updated by one text at a time and never lost to an optimistic conflict.
     */
    void beforeUpdating(Conversation conversation) {
        entityManager.flush(); // a conversation created just now keeps what it was created with
        entityManager.refresh(conversation, LockModeType.PESSIMISTIC_WRITE);
    }
}
