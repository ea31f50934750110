package org.parley.notify;

import java.util.List;
import org.parley.conversation.PatientMessageArrived;
import org.parley.mention.StaffMentioned;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Listens to the inbox: once a patient's message or a mention is committed, tells whoever should hear of it.
 *
 * <p>Each handler works in a new transaction of its own: the inbox's has committed, and a pop-up published in its
 * after-commit phase would never reach {@code LiveUpdates} (Spring does not run transactional listeners registered
 * while committing). Nothing here can fail the inbox, not even a pop-up's delivery when that transaction commits:
 * errors are logged with ids only.
 */
@Component
class InboxNotifications {

    private static final Logger log = LoggerFactory.getLogger(InboxNotifications.class);

    private final NotificationRouting routing;
    private final EmailNotifications emails;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate tx;

    InboxNotifications(NotificationRouting routing, EmailNotifications emails, ApplicationEventPublisher events,
                       PlatformTransactionManager transactions) {
        this.routing = routing;
        this.emails = emails;
        this.events = events;
        this.tx = new TransactionTemplate(transactions);
        tx.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    @TransactionalEventListener(fallbackExecution = true)
    void on(PatientMessageArrived arrived) {
        try {
            tx.executeWithoutResult(status -> deliver(routing.forArrival(arrived)));
        } catch (RuntimeException failed) {
            log.warn("Notifications of a message in conversation {} failed: {}", arrived.conversationId(),
                    failed.getClass().getSimpleName());
        }
    }

    @TransactionalEventListener(fallbackExecution = true)
    void on(StaffMentioned mentioned) {
        try {
            tx.executeWithoutResult(status -> deliver(routing.forMention(mentioned)));
        } catch (RuntimeException failed) {
            log.warn("Notification of a mention in conversation {} failed: {}", mentioned.conversationId(),
                    failed.getClass().getSimpleName());
        }
    }

    private void deliver(List<Notice> notices) {
        for (Notice notice : notices) {
            if (notice.channels().desktop()) {
                events.publishEvent(new DesktopNotification(notice.staffId(), notice.conversationId(),
                        notice.title()));
            }
            if (notice.channels().email()) {
                emails.send(notice);
            }
        }
    }
}
