package org.parley.inbox;

import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.parley.conversation.ConversationStatus;
import org.springframework.stereotype.Component;

/**
 * Pages and counts of conversations for the inbox views and search. Every condition is served by an index: status
 * and activity, list, assignee, contact.
 */
@Component
class ConversationQueries {

    private static final String UNSEEN = "c.lastInboundAt is not null and (s.seenAt is null or s.seenAt < c.lastInboundAt)";

    private final EntityManager em;

    ConversationQueries(EntityManager em) {
        this.em = em;
    }

    List<InboxRow> page(ConversationFilter filter, long viewerId, long blockedListId, int offset, int limit) {
        if (limit <= 0 || isEmpty(filter)) {
            return List.of();
        }
        Map<String, Object> params = new HashMap<>();
        String jpql = "select new org.parley.inbox.InboxRow(c.id, c.contactId, c.lineId, c.lastPreview, "
                + "c.lastActivityAt, case when " + UNSEEN + " then true else false end, c.attention, "
                + "c.assignedListId, c.status) from Conversation c "
                + "left join ConversationSeen s on s.conversationId = c.id and s.staffUserId = :viewer "
                + where(filter, blockedListId, params) + " order by c.lastActivityAt desc, c.id desc";
        params.put("viewer", viewerId);
        TypedQuery<InboxRow> query = em.createQuery(jpql, InboxRow.class);
        params.forEach(query::setParameter);
        return query.setFirstResult(offset).setMaxResults(limit).getResultList();
    }

    InboxCount count(ConversationFilter filter, long viewerId, long blockedListId) {
        if (isEmpty(filter)) {
            return new InboxCount(0, 0);
        }
        // Total and unread in one pass: open screens recount after every batch of changes.
        Map<String, Object> params = new HashMap<>();
        TypedQuery<Object[]> counts = em.createQuery("select count(c), coalesce(sum(case when " + UNSEEN
                + " then 1 else 0 end), 0) from Conversation c "
                + "left join ConversationSeen s on s.conversationId = c.id and s.staffUserId = :viewer "
                + where(filter, blockedListId, params), Object[].class);
        params.forEach(counts::setParameter);
        counts.setParameter("viewer", viewerId);
        Object[] row = counts.getSingleResult();
        return new InboxCount(((Number) row[0]).longValue(), ((Number) row[1]).longValue());
    }

    /**
     * The counts of several views of open conversations (My inbox, lists, All open, a colleague's) for one viewer, in
     * one pass over the open conversations instead of a query per view: every open screen recounts its views after
     * each batch of changes.
     */
    List<InboxCount> openCounts(List<Inbox> views, long viewerId, long blockedListId) {
        StringBuilder select = new StringBuilder("select count(c), coalesce(sum(case when " + UNSEEN
                + " then 1 else 0 end), 0)");
        Map<String, Object> params = new HashMap<>();
        for (int i = 0; i < views.size(); i++) {
            String condition = switch (views.get(i)) {
                case Inbox.Mine mine -> ":p" + i + " member of c.assignees";
                case Inbox.OfColleague colleague -> ":p" + i + " member of c.assignees";
                case Inbox.OfList list -> "c.assignedListId = :p" + i;
                case Inbox.AllOpen all -> "1 = 1";
                case Inbox.Closed closed -> throw new IllegalArgumentException("Closed is not a view of open ones");
                case Inbox.Blocked blocked -> throw new IllegalArgumentException("BLOCKED is counted apart");
            };
            switch (views.get(i)) {
                case Inbox.Mine mine -> params.put("p" + i, viewerId);
                case Inbox.OfColleague colleague -> params.put("p" + i, colleague.staffId());
                case Inbox.OfList list -> params.put("p" + i, list.listId());
                default -> { }
            }
            select.append(", coalesce(sum(case when ").append(condition).append(" then 1 else 0 end), 0)")
                    .append(", coalesce(sum(case when ").append(condition).append(" and ").append(UNSEEN)
                    .append(" then 1 else 0 end), 0)");
        }
        TypedQuery<Object[]> query = em.createQuery(select + " from Conversation c "
                + "left join ConversationSeen s on s.conversationId = c.id and s.staffUserId = :viewer "
                + "where c.status = :open and (c.assignedListId is null or c.assignedListId <> :blocked)",
                Object[].class);
        params.forEach(query::setParameter);
        query.setParameter("viewer", viewerId);
        query.setParameter("open", ConversationStatus.OPEN);
        query.setParameter("blocked", blockedListId);
        Object[] row = query.getSingleResult();
        List<InboxCount> counts = new ArrayList<>();
        for (int i = 0; i < views.size(); i++) {
            counts.add(new InboxCount(((Number) row[2 + 2 * i]).longValue(), ((Number) row[3 + 2 * i]).longValue()));
        }
        return counts;
    }

    /** How many conversations match, without the unread count. */
    long total(ConversationFilter filter, long blockedListId) {
        if (isEmpty(filter)) {
            return 0;
        }
        Map<String, Object> params = new HashMap<>();
        TypedQuery<Long> total = em.createQuery("select count(c) from Conversation c "
                + where(filter, blockedListId, params), Long.class);
        params.forEach(total::setParameter);
        return total.getSingleResult();
    }

    /** The staff members each conversation is assigned to. */
    Map<Long, Set<Long>> assignees(Collection<Long> conversationIds) {
        Map<Long, Set<Long>> result = new HashMap<>();
        if (conversationIds.isEmpty()) {
            return result;
        }
        em.createQuery("select c.id, a from Conversation c join c.assignees a where c.id in :ids", Object[].class)
                .setParameter("ids", conversationIds).getResultList()
                .forEach(row -> result.computeIfAbsent((Long) row[0], k -> new java.util.TreeSet<>()).add((Long) row[1]));
        return result;
    }

    /** A text search that found neither contacts nor messages finds nothing. */
    /**
     * Whether each word occurs in some message at all (one index probe per word). A search whose words occur nowhere
     * (a name, typically) then leaves the word condition out, instead of testing it against every conversation.
     */
    boolean everyWordOccurs(List<String> wordHashes) {
        for (String hash : wordHashes) {
            if (em.createQuery("select w.messageId from MessageWord w where w.wordHash = :h", Long.class)
                    .setParameter("h", hash).setMaxResults(1).getResultList().isEmpty()) {
                return false;
            }
        }
        return true;
    }

    private static boolean isEmpty(ConversationFilter filter) {
        boolean searchedContacts = filter.contactIds() != null;
        boolean searchedMessages = filter.wordHashes() != null;
        return (searchedContacts || searchedMessages)
                && (!searchedContacts || filter.contactIds().isEmpty())
                && (!searchedMessages || filter.wordHashes().isEmpty());
    }

    private static String where(ConversationFilter filter, long blockedListId, Map<String, Object> params) {
        List<String> conditions = new ArrayList<>();
        if (filter.status() != null) {
            conditions.add("c.status = :status");
            params.put("status", filter.status());
        }
        if (filter.listId() != null) {
            conditions.add("c.assignedListId = :list");
            params.put("list", filter.listId());
        }
        if (filter.assigneeId() != null) {
            conditions.add(":assignee member of c.assignees");
            params.put("assignee", filter.assigneeId());
        }
        if (filter.excludeBlocked()) {
            conditions.add("(c.assignedListId is null or c.assignedListId <> :blocked)");
            params.put("blocked", blockedListId);
        }
        // Text search: the contacts it names, or the conversations whose messages hold its words.
        List<String> text = new ArrayList<>();
        if (filter.contactIds() != null && !filter.contactIds().isEmpty()) {
            text.add("c.contactId in :contacts");
            params.put("contacts", filter.contactIds());
        }
        if (filter.wordHashes() != null && !filter.wordHashes().isEmpty()) {
            // Every word must be in one of the conversation's messages (the word index, message text is encrypted).
            List<String> all = new ArrayList<>();
            for (int i = 0; i < filter.wordHashes().size(); i++) {
                all.add("exists (select w.messageId from MessageWord w where w.conversationId = c.id and w.wordHash = :w"
                        + i + ")");
                params.put("w" + i, filter.wordHashes().get(i));
            }
            text.add("(" + String.join(" and ", all) + ")");
        }
        if (!text.isEmpty()) {
            conditions.add("(" + String.join(" or ", text) + ")");
        }
        if (filter.from() != null) {
            conditions.add("c.lastActivityAt >= :from");
            params.put("from", filter.from());
        }
        if (filter.to() != null) {
            conditions.add("c.lastActivityAt < :to");
            params.put("to", filter.to());
        }
        return conditions.isEmpty() ? "where 1 = 1" : "where " + String.join(" and ", conditions);
    }
}
