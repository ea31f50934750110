package org.parley.notify;

import java.time.Duration;
import java.time.Instant;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * At most one e-mail per staff member, conversation and kind per quiet period, so a burst of ten texts sends one
 * e-mail, not ten. Kept in the database, so a restart does not send the burst's e-mail again.
 */
@Component
class EmailQuietPeriod {

    private final JdbcClient jdbc;
    private final Duration quiet;

    EmailQuietPeriod(JdbcClient jdbc, @Value("${parley.notify.email-quiet-period:10m}") Duration quiet) {
        if (quiet.isNegative()) {
            throw new IllegalStateException("parley.notify.email-quiet-period must not be negative, e.g. 10m");
        }
        this.jdbc = jdbc;
        this.quiet = quiet;
    }

    /** Records an e-mail about to be sent at {@code now}; false when one went out within the quiet period. */
    @Transactional
    boolean claim(Notice notice, Instant now) {
        if (quiet.isZero()) {
            return true;
        }
        // Older records have done their job; removing them keeps the table as small as the last quiet period.
        jdbc.sql("delete from notification_email_sent where sent_at <= ?")
                .param(java.sql.Timestamp.from(now.minus(quiet))).update();
        boolean recent = jdbc.sql("select count(*) from notification_email_sent where staff_user_id = ? "
                        + "and conversation_id = ? and kind = ?")
                .params(notice.staffId(), notice.conversationId(), notice.kind().name()).query(Long.class).single() > 0;
        if (recent) {
            return false;
        }
        jdbc.sql("insert into notification_email_sent (staff_user_id, conversation_id, kind, sent_at) "
                        + "values (?, ?, ?, ?)")
                .params(notice.staffId(), notice.conversationId(), notice.kind().name(),
                        java.sql.Timestamp.from(now)).update();
        return true;
    }

    /** Forgets a claimed e-mail that could not be sent, so the next message tries again. */
    @Transactional
    void release(Notice notice, Instant claimedAt) {
        jdbc.sql("delete from notification_email_sent where staff_user_id = ? and conversation_id = ? and kind = ? "
                        + "and sent_at = ?")
                .params(notice.staffId(), notice.conversationId(), notice.kind().name(),
                        java.sql.Timestamp.from(claimedAt)).update();
    }
}
