package org.parley.chart;

import java.time.Instant;
import java.util.Optional;
import org.parley.base.LeasedQueue;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The rows of {@code chart_export_task}: one per export that waits to be sent or is being sent, worked under leases
 * by {@link ChartExportQueue}. Written in the transaction that queues the export.
 */
@Component
class ChartExportTasks {

    static final String TABLE = "chart_export_task";

    private final JdbcClient jdbc;

    ChartExportTasks(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Makes the export due at {@code at}: a new task, or the waiting one due sooner. A task under a live lease (being
     * sent) is left alone.
     */
    void due(String exportId, Instant at) {
        int moved = jdbc.sql("update " + TABLE + " set next_attempt_at = ? where export_id = ? and lease_until is null")
                .params(LeasedQueue.timestamp(at), exportId).update();
        boolean exists = moved == 1 || jdbc.sql("select count(*) from " + TABLE + " where export_id = ?")
                .param(exportId).query(Long.class).single() > 0;
        if (!exists) {
            jdbc.sql("insert into " + TABLE + " (export_id, attempts, next_attempt_at) values (?, 0, ?)")
                    .params(exportId, LeasedQueue.timestamp(at)).update();
        }
    }

    /** The export a task is for. */
    Optional<String> exportOf(long taskId) {
        return jdbc.sql("select export_id from " + TABLE + " where id = ?").param(taskId).query(String.class)
                .optional();
    }
}
