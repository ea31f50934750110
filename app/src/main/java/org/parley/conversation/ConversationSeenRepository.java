package org.parley.conversation;

import org.springframework.data.jpa.repository.JpaRepository;

interface ConversationSeenRepository extends JpaRepository<ConversationSeen, ConversationSeen.Key> {

    @org.springframework.data.jpa.repository.Modifying(flushAutomatically = true)
    @org.springframework.data.jpa.repository.Query("delete from ConversationSeen s where s.conversationId = :id")
    int deleteByConversation(@org.springframework.data.repository.query.Param("id") long conversationId);
}
