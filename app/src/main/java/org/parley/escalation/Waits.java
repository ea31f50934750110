package org.parley.escalation;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.parley.hours.OfficeHours;
import org.parley.hours.OpenTime;
import org.parley.lists.ListService;
import org.parley.lists.ResponseGoal;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The patients waiting for a staff answer and how long, in office hours: for the conversation list (a page at a time)
 * and for the escalation check (every wait not escalated yet).
 */
@Service
public class Waits {

    private static final String SELECT = "select w.conversation_id, w.line_id, coalesce(c.assigned_list_id, "
            + "w.list_id), w.waiting_since, w.escalated_at from conversation_waiting w join conversation c "
            + "on c.id = w.conversation_id ";

    private final JdbcClient jdbc;
    private final OfficeHours officeHours;
    private final ListService lists;
    private final Clock clock;

    Waits(JdbcClient jdbc, OfficeHours officeHours, ListService lists, Clock clock) {
        this.jdbc = jdbc;
        this.officeHours = officeHours;
        this.lists = lists;
        this.clock = clock;
    }

    /** The waits of these conversations (a page of the inbox), as of now; conversations nobody waits on are absent. */
    @Transactional(readOnly = true)
    public Map<Long, Wait> of(Collection<Long> conversationIds) {
        if (conversationIds.isEmpty()) {
            return Map.of();
        }
        List<WaitRow> rows = jdbc.sql(SELECT + "where w.conversation_id in (:ids) and c.status = 'OPEN'")
                .param("ids", conversationIds).query(Waits::row).list();
        return measure(rows, lists.responseGoals(), clock.instant()).entrySet().stream()
                .collect(Collectors.toMap(e -> e.getKey().conversationId(), Map.Entry::getValue));
    }

    /** Every open conversation's wait not escalated yet, measured at {@code now}. */
    Map<WaitRow, Wait> notEscalated(Map<Long, ResponseGoal> goals, Instant now) {
        List<WaitRow> rows = jdbc.sql(SELECT + "where w.escalated_at is null and c.status = 'OPEN'")
                .query(Waits::row).list();
        return measure(rows, goals, now);
    }

    /** Each line's hours are read once, for all of its waits. */
    private Map<WaitRow, Wait> measure(List<WaitRow> rows, Map<Long, ResponseGoal> goals, Instant now) {
        Map<String, Instant> earliest = new HashMap<>();
        rows.forEach(row -> earliest.merge(row.lineId(), row.since(), (a, b) -> a.isBefore(b) ? a : b));
        Map<String, OpenTime> open = new HashMap<>();
        earliest.forEach((line, since) -> open.put(line, officeHours.openTime(line, since)));
        Map<WaitRow, Wait> waits = new HashMap<>();
        for (WaitRow row : rows) {
            ResponseGoal goal = row.listId() == null ? null : goals.get(row.listId());
            Duration waited = open.get(row.lineId()).between(row.since(), now);
            waits.put(row, new Wait(row.since(), waited, goal == null ? null : goal.goal(),
                    row.escalatedAt() != null));
        }
        return waits;
    }

    private static WaitRow row(ResultSet rs, int n) throws SQLException {
        Timestamp escalated = rs.getTimestamp(5);
        return new WaitRow(rs.getLong(1), rs.getString(2), rs.getObject(3, Long.class), rs.getTimestamp(4).toInstant(),
                escalated == null ? null : escalated.toInstant());
    }
}
