package org.parley.notify;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.parley.base.LeasedQueue;
import org.parley.conversation.event.PatientMessageArrived;
import org.parley.escalation.ConversationEscalated;
import org.parley.mention.StaffMentioned;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Component;

/**
 * The rows of {@code notification_task}: what happened in the inbox that someone may need to hear of, by ids. Written
 * in the inbox's transaction (its connection), read back by the worker as the event it stands for.
 */
@Component
class NotificationTasks {

    static final String TABLE = "notification_task";

    /** A queued task, as the event it was written for. */
    record Task(long id, Notice.Kind kind, long conversationId, long messageId, Long listId, Long staffId,
                Long byStaffId, Set<Long> assigneeIds, Instant arrivedAt) {

        PatientMessageArrived arrival() {
            // Messages of a blocked number are never queued.
            return new PatientMessageArrived(conversationId, messageId, listId, assigneeIds, false);
        }

        StaffMentioned mention() {
            return new StaffMentioned(staffId, conversationId, messageId, byStaffId);
        }
    }

    private final JdbcClient jdbc;

    NotificationTasks(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void add(PatientMessageArrived arrived, Instant now) {
        long id = insert(Notice.Kind.MESSAGE, arrived.conversationId(), arrived.messageId(), arrived.listId(), null,
                null, now);
        for (long staffId : arrived.assigneeIds()) {
            jdbc.sql("insert into notification_task_assignee (task_id, staff_user_id) values (?, ?)")
                    .params(id, staffId).update();
        }
    }

    void add(ConversationEscalated escalated, Instant now) {
        insert(Notice.Kind.ESCALATION, escalated.conversationId(), 0, escalated.listId(), escalated.notifyStaffId(),
                null, now);
    }

    void add(StaffMentioned mentioned, Instant now) {
        insert(Notice.Kind.MENTION, mentioned.conversationId(), mentioned.messageId(), null, mentioned.staffId(),
                mentioned.byStaffId(), now);
    }

    Optional<Task> find(long id) {
        Set<Long> assignees = new HashSet<>(jdbc.sql("select staff_user_id from notification_task_assignee "
                + "where task_id = ?").param(id).query(Long.class).list());
        return jdbc.sql("select kind, conversation_id, message_id, list_id, staff_user_id, by_staff_user_id, "
                        + "arrived_at from " + TABLE + " where id = ?").param(id)
                .query((rs, n) -> new Task(id, Notice.Kind.valueOf(rs.getString(1)), rs.getLong(2), rs.getLong(3),
                        rs.getObject(4, Long.class), rs.getObject(5, Long.class), rs.getObject(6, Long.class),
                        Set.copyOf(assignees), rs.getTimestamp(7).toInstant()))
                .optional();
    }

    private long insert(Notice.Kind kind, long conversationId, long messageId, Long listId, Long staffId,
                        Long byStaffId, Instant now) {
        Timestamp at = LeasedQueue.timestamp(now);
        KeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("insert into " + TABLE + " (kind, conversation_id, message_id, list_id, staff_user_id, "
                        + "by_staff_user_id, arrived_at, attempts, next_attempt_at) values (?, ?, ?, ?, ?, ?, ?, 0, ?)")
                .params(kind.name(), conversationId, messageId, listId, staffId, byStaffId, at, at)
                .update(key, "id");
        return key.getKeyAs(Long.class);
    }
}
