package org.parley.conversation.media;

import java.util.Collection;
import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

public interface MessageMediaRepository extends JpaRepository<MessageMedia, Long> {

    List<MessageMedia> findByMessageIdOrderByIdAsc(long messageId);

    @Query("select new org.parley.conversation.media.MediaInfo(m.id, m.contentType, m.fileName, m.sizeBytes, "
            + "case when m.data is null then true else false end, m.fetchState) from MessageMedia m where m.messageId = :messageId order by m.id")
    List<MediaInfo> infoOf(@Param("messageId") long messageId);

    @Query("select m.messageId, new org.parley.conversation.media.MediaInfo(m.id, m.contentType, m.fileName, m.sizeBytes, "
            + "case when m.data is null then true else false end, m.fetchState) from MessageMedia m where m.messageId in :ids order by m.id")
    List<Object[]> infoOf(@Param("ids") Collection<Long> messageIds);

    @Modifying
    @Query("delete from MessageMedia m where m.messageId = :message")
    int deleteByMessageId(@Param("message") long messageId);
}
