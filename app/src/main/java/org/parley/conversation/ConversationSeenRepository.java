package org.parley.conversation;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

interface ConversationSeenRepository extends JpaRepository<ConversationSeen, ConversationSeen.Key> {

    @Modifying(flushAutomatically = true)
    @Query("delete from ConversationSeen s where s.conversationId = :id")
    int deleteByConversation(@Param("id") long conversationId);
}
