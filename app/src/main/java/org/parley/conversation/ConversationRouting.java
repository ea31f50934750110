package org.parley.conversation;

import java.time.Instant;
import org.parley.lists.ListService;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Where a new conversation waits: the BLOCKED list for a number an admin blocked, else the list the line's admin
 * chose for new conversations (or no list: then only "All open" shows it).
 */
@Component
public class ConversationRouting {

    private final ListService lists;
    private final JdbcClient jdbc;

    ConversationRouting(ListService lists, JdbcClient jdbc) {
        this.lists = lists;
        this.jdbc = jdbc;
    }

    public Long listForNew(String lineId, String e164) {
        return listForNew(lineId, isBlocked(e164));
    }

    /** {@link #listForNew(String, String)} for a number whose blocking the caller looked up already. */
    public Long listForNew(String lineId, boolean blocked) {
        if (blocked) {
            return lists.blockedListId();
        }
        return lists.defaultListOf(lineId).orElse(null);
    }

    public boolean isBlocked(String e164) {
        return e164 != null && jdbc.sql("select count(*) from blocked_number where phone_number = ?").param(e164)
                .query(Long.class).single() > 0;
    }

    public void block(String e164, String actor, Instant at) {
        if (e164 != null && !isBlocked(e164)) {
            jdbc.sql("insert into blocked_number (phone_number, blocked_by, blocked_at) values (?, ?, ?)")
                    .params(e164, actor, java.sql.Timestamp.from(at)).update();
        }
    }

    public void unblock(String e164) {
        if (e164 != null) {
            jdbc.sql("delete from blocked_number where phone_number = ?").param(e164).update();
        }
    }

    public long blockedList() {
        return lists.blockedListId();
    }
}
