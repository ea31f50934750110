package org.parley.conversation;

import org.springframework.data.jpa.repository.JpaRepository;

interface ConversationSeenRepository extends JpaRepository<ConversationSeen, ConversationSeen.Key> {
}
