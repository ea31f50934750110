package org.parley.chart;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

interface ExportRepository extends JpaRepository<Export, String> {

    @Query("select e.id from Export e where e.status = :status and e.nextAttemptAt <= :now order by e.nextAttemptAt")
    List<String> findDue(@Param("status") ExportStatus status, @Param("now") Instant now, Pageable page);

    /** Takes a due export for sending; only one worker can win. */
    @Modifying
    @Query("update Export e set e.status = org.parley.chart.ExportStatus.SENDING, e.version = e.version + 1 "
            + "where e.id = :id and e.status = org.parley.chart.ExportStatus.QUEUED")
    int claim(@Param("id") String id);

    /** Exports a stopped app left half-sent go back in the queue; their id stops an EHR filing them twice. */
    @Modifying
    @Query("update Export e set e.status = org.parley.chart.ExportStatus.QUEUED, e.nextAttemptAt = :now, "
            + "e.version = e.version + 1 where e.status = org.parley.chart.ExportStatus.SENDING")
    int requeueInFlight(@Param("now") Instant now);

    /** The exports that contain any of these messages, with all their message ids, oldest first. */
    @Query("select distinct e from Export e join fetch e.messageIds where e.id in "
            + "(select x.id from Export x join x.messageIds m where m in :messageIds) order by e.requestedAt, e.id")
    List<Export> containingAny(@Param("messageIds") Collection<Long> messageIds);
}
