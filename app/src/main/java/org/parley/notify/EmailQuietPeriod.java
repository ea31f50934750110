package org.parley.notify;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * At most one e-mail per staff member, conversation and kind per quiet period, so a burst of ten texts sends one
 * e-mail, not ten. Kept in the database, so a restart does not send the burst's e-mail again.
 */
@Component
class EmailQuietPeriod {

    private final JdbcClient jdbc;
    private final Duration quiet;
    private final TransactionTemplate ownTransaction;

    EmailQuietPeriod(JdbcClient jdbc, PlatformTransactionManager transactions, NotificationQueueSettings settings) {
        this.ownTransaction = new TransactionTemplate(transactions);
        // Its own transaction, so a lost race (a duplicate key) ends it cleanly and is answered here.
        ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.jdbc = jdbc;
        this.quiet = settings.emailQuietPeriod();
    }

    /**
     * Records an e-mail about to be sent at {@code now}; false when one went out within the quiet period. Two nodes
     * claiming the same e-mail at once meet on the table's primary key: the second is answered false.
     */
    boolean claim(Notice notice, Instant now) {
        if (quiet.isZero()) {
            return true;
        }
        try {
            return Boolean.TRUE.equals(ownTransaction.execute(status -> claimNow(notice, now)));
        } catch (DuplicateKeyException claimedMeanwhile) {
            return false;
        }
    }

    private boolean claimNow(Notice notice, Instant now) {
        // Older records have done their job; removing them keeps the table as small as the last quiet period.
        jdbc.sql("delete from notification_email_sent where sent_at <= ?")
                .param(Timestamp.from(now.minus(quiet))).update();
        boolean recent = jdbc.sql("select count(*) from notification_email_sent where staff_user_id = ? "
                        + "and conversation_id = ? and kind = ?")
                .params(notice.staffId(), notice.conversationId(), notice.kind().name()).query(Long.class).single() > 0;
        if (recent) {
            return false;
        }
        jdbc.sql("insert into notification_email_sent (staff_user_id, conversation_id, kind, sent_at) "
                        + "values (?, ?, ?, ?)")
                .params(notice.staffId(), notice.conversationId(), notice.kind().name(),
                        Timestamp.from(now)).update();
        return true;
    }

    /** Forgets a claimed e-mail that could not be sent, so the next message tries again. */
    @Transactional
    void release(Notice notice, Instant claimedAt) {
        jdbc.sql("delete from notification_email_sent where staff_user_id = ? and conversation_id = ? and kind = ? "
                        + "and sent_at = ?")
                .params(notice.staffId(), notice.conversationId(), notice.kind().name(),
                        Timestamp.from(claimedAt)).update();
    }
}
