package org.parley.escalation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.parley.assignment.ConversationClosed;
import org.parley.audit.AuditAction;
import org.parley.audit.AuditLog;
import org.parley.base.LeasedQueue;
import org.parley.base.RecurringJob;
import org.parley.conversation.ConversationChanged;
import org.parley.conversation.ConversationRepository;
import org.parley.conversation.event.OutboundQueued;
import org.parley.conversation.event.PatientMessageArrived;
import org.parley.lists.ListService;
import org.parley.lists.ResponseGoal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps each patient's wait for a staff answer and escalates those past their list's response goal, once per
 * {@code parley.escalation.check-interval} in the whole cluster (see the package's documentation).
 */
@Component
class UnansweredEscalation implements RecurringJob {

    private static final Logger log = LoggerFactory.getLogger(UnansweredEscalation.class);

    private final JdbcClient jdbc;
    private final Waits waits;
    private final ListService lists;
    private final ConversationRepository conversations;
    private final ApplicationEventPublisher events;
    private final AuditLog audit;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final EscalationSettings settings;

    UnansweredEscalation(JdbcClient jdbc, Waits waits, ListService lists, ConversationRepository conversations,
                         ApplicationEventPublisher events, AuditLog audit, TransactionTemplate tx, Clock clock,
                         EscalationSettings settings) {
        this.jdbc = jdbc;
        this.waits = waits;
        this.lists = lists;
        this.conversations = conversations;
        this.events = events;
        this.audit = audit;
        this.tx = tx;
        this.clock = clock;
        this.settings = settings;
    }

    /**
     * A patient's message starts a wait unless one is under way (the intake holds the conversation's lock, so two
     * texts of one conversation never both insert). Nobody waits on a blocked number.
     */
    @EventListener
    void on(PatientMessageArrived arrived) {
        if (arrived.blocked()) {
            return;
        }
        jdbc.sql("insert into conversation_waiting (conversation_id, line_id, list_id, waiting_since) "
                        // Typed: PostgreSQL reads untyped parameters of a select list as text.
                        + "select c.id, c.line_id, cast(? as bigint), cast(? as timestamp(6) with time zone) "
                        + "from conversation c where c.id = ? and not exists "
                        + "(select 1 from conversation_waiting w where w.conversation_id = c.id)")
                .params(arrived.listId(), LeasedQueue.timestamp(clock.instant()), arrived.conversationId()).update();
    }

    /** A staff member's reply answers the patient; an automatic reply (no author) does not. */
    @EventListener
    void on(OutboundQueued queued) {
        jdbc.sql("delete from conversation_waiting where conversation_id = (select conversation_id from message "
                + "where id = ? and author_id is not null)").param(queued.messageId()).update();
    }

    @EventListener
    void on(ConversationClosed closed) {
        jdbc.sql("delete from conversation_waiting where conversation_id = ?").param(closed.conversationId()).update();
    }

    @Override
    public String name() {
        return "unanswered-escalation";
    }

    @Override
    public Duration period() {
        return settings.checkInterval();
    }

    @Override
    public void run() {
        Map<Long, ResponseGoal> goals = lists.responseGoals();
        if (goals.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        waits.notEscalated(goals, now).forEach((row, wait) -> {
            if (wait.goal() != null && wait.waited().compareTo(wait.goal()) >= 0) {
                try {
                    tx.executeWithoutResult(status -> escalate(row, goals.get(row.listId()), now));
                } catch (RuntimeException failed) {
                    // Ids only; the next run tries again (escalated_at was not set).
                    log.warn("Conversation {} could not be escalated: {}", row.conversationId(),
                            failed.getClass().getName());
                }
            }
        });
    }

    /** Escalates once: only the update that set {@code escalated_at} goes on (another check may have run too). */
    private void escalate(WaitRow row, ResponseGoal goal, Instant now) {
        int claimed = jdbc.sql("update conversation_waiting set escalated_at = ? where conversation_id = ? "
                        + "and escalated_at is null and waiting_since = ?")
                .params(LeasedQueue.timestamp(now), row.conversationId(), LeasedQueue.timestamp(row.since())).update();
        if (claimed == 0) {
            return; // answered, closed, started again or escalated meanwhile
        }
        audit.record(AuditLog.SYSTEM, AuditAction.CONVERSATION_PAST_RESPONSE_GOAL, "conversation",
                String.valueOf(row.conversationId()), "list " + goal.listId() + ", goal " + goal.goal().toMinutes()
                        + " min" + (goal.escalationListId() == null ? "" : ", moved to list "
                        + goal.escalationListId()));
        if (goal.escalationListId() != null) {
            conversations.findById(row.conversationId()).ifPresent(c -> c.assignToList(goal.escalationListId()));
        }
        events.publishEvent(new ConversationEscalated(row.conversationId(), goal.listId(), goal.notifyStaffId()));
        events.publishEvent(new ConversationChanged(row.conversationId(), 0, false));
    }
}
