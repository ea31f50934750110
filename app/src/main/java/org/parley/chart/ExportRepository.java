package org.parley.chart;

import java.util.Collection;
import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

interface ExportRepository extends JpaRepository<Export, String> {

    /** The exports that contain any of these messages, with all their message ids, oldest first. */
    @Query("select distinct e from Export e join fetch e.messageIds where e.id in "
            + "(select x.id from Export x join x.messageIds m where m in :messageIds) order by e.requestedAt, e.id")
    List<Export> containingAny(@Param("messageIds") Collection<Long> messageIds);

    /** Two conversations became one: the gone one's chart exports belong to the kept one. */
    @Modifying(flushAutomatically = true)
    @Query("update Export e set e.conversationId = :to where e.conversationId = :from")
    int moveAll(@Param("from") long fromConversationId, @Param("to") long toConversationId);
}
