package org.parley.conversation;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import org.parley.audit.AuditAction;
import org.parley.audit.AuditLog;
import org.parley.lists.ListService;
import org.parley.routing.ReasonPicker;
import org.parley.routing.RoutingRule;
import org.parley.routing.RoutingRules;
import org.parley.tag.TagService;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Where a new conversation waits: the BLOCKED list for a number an admin blocked, else the list the line's admin
 * chose for new conversations (or no list: then only "All open" shows it). Then, when the patient's first text or
 * voicemail in it arrives (or one in a closed conversation, which reopens it), the first of the admin's routing rules
 * that matches may put it in another list and/or tag it ({@link RoutingRules}).
 */
@Component
public class ConversationRouting {

    private final ListService lists;
    private final JdbcClient jdbc;
    private final RoutingRules rules;
    private final TagService tags;
    private final AuditLog audit;

    ConversationRouting(ListService lists, JdbcClient jdbc, RoutingRules rules, TagService tags,
                        AuditLog audit) {
        this.audit = audit;
        this.lists = lists;
        this.jdbc = jdbc;
        this.rules = rules;
        this.tags = tags;
    }

    /**
     * Whether the patient's message about to be added starts the conversation or reopens it: asked before the message
     * changes it. A conversation a staff member started and holds is theirs, not the rules'.
     */
    public boolean startsOrReopens(Conversation conversation) {
        // Read in this order so that the assignees are loaded only for a first patient message outside any list.
        return conversation.getStatus() == ConversationStatus.CLOSED
                || conversation.getLastInboundAt() == null && (conversation.getAssignedListId() != null
                || conversation.getAssignees().isEmpty());
    }

    /**
     * Applies the first matching routing rule to a conversation the patient's message started or reopened, in the
     * intake's transaction (before anyone is notified, so the rule's list hears of it). A conversation in BLOCKED
     * stays there.
     *
     * @param text the patient's text, or {@code null} for a voicemail or pictures only
     * @return the rule applied, if one matched
     */
    public Optional<RoutingRule> applyRules(Conversation conversation, String text) {
        Long blocked = lists.blockedListId();
        if (blocked.equals(conversation.getAssignedListId())) {
            return Optional.empty();
        }
        Optional<RoutingRule> rule = rules.firstMatch(conversation.getLineId(), conversation.getContactId(), text);
        rule.ifPresent(matched -> {
            if (matched.toListId() != null && !matched.toListId().equals(conversation.getAssignedListId())) {
                conversation.assignToList(matched.toListId());
                audit.record(AuditLog.SYSTEM, AuditAction.CONVERSATION_ROUTED, "conversation",
                        String.valueOf(conversation.getId()), "to list " + matched.toListId() + " by routing rule "
                                + matched.id());
            }
            if (matched.addTagId() != null) {
                tags.addByRule(conversation.getId(), matched.addTagId(), matched.name());
            }
        });
        return rule;
    }

    /**
     * Places a conversation as the patient's answer to the reason picker chose, as a routing rule would (in the
     * intake's transaction, before anyone is notified). A conversation in BLOCKED stays there.
     */
    public void applyReason(Conversation conversation, ReasonPicker.Reason reason) {
        if (Long.valueOf(lists.blockedListId()).equals(conversation.getAssignedListId())) {
            return;
        }
        if (reason.toListId() != null && !reason.toListId().equals(conversation.getAssignedListId())) {
            conversation.assignToList(reason.toListId());
            audit.record(AuditLog.SYSTEM, AuditAction.CONVERSATION_ROUTED, "conversation",
                    String.valueOf(conversation.getId()), "to list " + reason.toListId() + " by the reason picker's "
                            + "answer " + reason.choice());
        }
        if (reason.addTagId() != null) {
            tags.addByRule(conversation.getId(), reason.addTagId(), "the reason picker");
        }
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
                    .params(e164, actor, Timestamp.from(at)).update();
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
