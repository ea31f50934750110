package org.parley.inbox;

import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
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

    /** A page of rows, the same for every viewer (whether the viewer saw each is {@link #seenAt}'s business). */
    List<InboxRow> page(ConversationFilter filter, long blockedListId, int offset, int limit) {
        if (limit <= 0 || isEmpty(filter)) {
            return List.of();
        }
        // The page's ids first, from the index alone (an offset deep into Closed skips index entries, not rows), then
        // the rows of those ids only.
        Map<String, Object> params = new HashMap<>();
        TypedQuery<Long> ids = em.createQuery("select c.id from Conversation c " + where(filter, blockedListId, params)
                + " order by c.lastActivityAt desc, c.id desc", Long.class);
        params.forEach(ids::setParameter);
        List<Long> page = ids.setFirstResult(offset).setMaxResults(limit).getResultList();
        if (page.isEmpty()) {
            return List.of();
        }
        Map<Long, InboxRow> rows = new HashMap<>();
        em.createQuery("select new org.parley.inbox.InboxRow(c.id, c.contactId, c.lineId, c.lastPreview, "
                        + "c.lastActivityAt, c.lastInboundAt, c.attention, c.assignedListId, c.status) "
                        + "from Conversation c where c.id in :ids", InboxRow.class)
                .setParameter("ids", page).getResultList().forEach(row -> rows.put(row.id(), row));
        // In the page's order; a conversation gone between the two reads is left out.
        return page.stream().map(rows::get).filter(java.util.Objects::nonNull).toList();
    }

    /** When the viewer last saw each of these conversations (absent: never). */
    Map<Long, Instant> seenAt(long viewerId, Collection<Long> conversationIds) {
        Map<Long, Instant> seen = new HashMap<>();
        if (!conversationIds.isEmpty()) {
            em.createQuery("select s.conversationId, s.seenAt from ConversationSeen s "
                            + "where s.staffUserId = :viewer and s.conversationId in :ids", Object[].class)
                    .setParameter("viewer", viewerId).setParameter("ids", conversationIds).getResultList()
                    .forEach(row -> seen.put((Long) row[0], (Instant) row[1]));
        }
        return seen;
    }

    /**
     * How many open conversations wait in each list, in each staff member's inbox and in all, and how many of those
     * have a patient message: the same for every viewer, read in grouped passes over the open conversations.
     */
    OpenTotals openTotals(long blockedListId) {
        return new OpenTotals(grouped("Conversation c", "", Map.of(), blockedListId),
                grouped("Conversation c", " and c.lastInboundAt is not null", Map.of(), blockedListId));
    }

    /**
     * How many open conversations of each view the viewer has seen since their latest patient message: each open
     * conversation probes the viewer's row of {@code conversation_seen} (its primary key). A view's unread count is its
     * conversations with a patient message less these.
     */
    OpenCounts seenSinceLatestInbound(long viewerId, long blockedListId) {
        // Driven by the open conversations (a few thousand), each probing the viewer's row by its key: the viewer's
        // own rows grow with every conversation they ever opened, tens of thousands in a year.
        return grouped("Conversation c", " and c.lastInboundAt is not null and exists (select s.seenAt from "
                        + "ConversationSeen s where s.conversationId = c.id and s.staffUserId = :viewer "
                        + "and s.seenAt >= c.lastInboundAt)",
                Map.of("viewer", viewerId), blockedListId);
    }

    private OpenCounts grouped(String from, String condition, Map<String, Object> params, long blockedListId) {
        String where = " where c.status = :open and (c.assignedListId is null or c.assignedListId <> :blocked)"
                + condition;
        Map<Long, Long> byList = new HashMap<>();
        TypedQuery<Object[]> lists = em.createQuery("select c.assignedListId, count(c) from " + from + where
                + " group by c.assignedListId", Object[].class);
        TypedQuery<Object[]> people = em.createQuery("select a, count(c) from " + from + " join c.assignees a" + where + " group by a", Object[].class);
        for (TypedQuery<Object[]> query : List.of(lists, people)) {
            query.setParameter("open", ConversationStatus.OPEN).setParameter("blocked", blockedListId);
            params.forEach(query::setParameter);
        }
        lists.getResultList().forEach(row -> byList.put((Long) row[0], ((Number) row[1]).longValue()));
        Map<Long, Long> byAssignee = new HashMap<>();
        people.getResultList().forEach(row -> byAssignee.put((Long) row[0], ((Number) row[1]).longValue()));
        long all = byList.values().stream().mapToLong(Long::longValue).sum();
        byList.remove(null); // the conversations assigned to people, not to a list
        return new OpenCounts(all, Map.copyOf(byList), Map.copyOf(byAssignee));
    }

    /** Open conversations counted by view: all, by list, by assignee. */
    record OpenCounts(long all, Map<Long, Long> byList, Map<Long, Long> byAssignee) {

        long of(Inbox view, long viewerId) {
            return switch (view) {
                case Inbox.Mine mine -> byAssignee.getOrDefault(viewerId, 0L);
                case Inbox.OfColleague colleague -> byAssignee.getOrDefault(colleague.staffId(), 0L);
                case Inbox.OfList list -> byList.getOrDefault(list.listId(), 0L);
                case Inbox.AllOpen everything -> all;
                case Inbox.Closed closed -> throw new IllegalArgumentException("Closed is not a view of open ones");
                case Inbox.Blocked blocked -> throw new IllegalArgumentException("BLOCKED is counted apart");
            };
        }
    }

    /** The views' totals, and how many of their conversations have a patient message (unread starts from these). */
    record OpenTotals(OpenCounts conversations, OpenCounts withPatientMessage) {
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

    /** Where a conversation is now: what an inbox view's conditions test, without a search's. */
    record Placement(ConversationStatus status, Long listId, Set<Long> assignees) {
    }

    /** Where each of these conversations is now (a conversation that is gone is absent). */
    Map<Long, Placement> placements(Collection<Long> conversationIds) {
        Map<Long, Placement> result = new HashMap<>();
        if (conversationIds.isEmpty()) {
            return result;
        }
        Map<Long, Set<Long>> assigned = assignees(conversationIds);
        em.createQuery("select c.id, c.status, c.assignedListId from Conversation c where c.id in :ids", Object[].class)
                .setParameter("ids", conversationIds).getResultList()
                .forEach(row -> result.put((Long) row[0], new Placement((ConversationStatus) row[1], (Long) row[2],
                        Set.copyOf(assigned.getOrDefault((Long) row[0], Set.of())))));
        return Map.copyOf(result);
    }

    /** The staff members each conversation is assigned to. */
    Map<Long, Set<Long>> assignees(Collection<Long> conversationIds) {
        Map<Long, Set<Long>> result = new HashMap<>();
        if (conversationIds.isEmpty()) {
            return result;
        }
        em.createQuery("select c.id, a from Conversation c join c.assignees a where c.id in :ids", Object[].class)
                .setParameter("ids", conversationIds).getResultList()
                .forEach(row -> result.computeIfAbsent((Long) row[0], k -> new TreeSet<>()).add((Long) row[1]));
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
                // Uncorrelated: each word's conversations are read once from the index (word_hash, conversation_id),
                // not probed once per conversation.
                all.add("c.id in (select w.conversationId from MessageWord w where w.wordHash = :w" + i + ")");
                params.put("w" + i, filter.wordHashes().get(i));
            }
            text.add("(" + String.join(" and ", all) + ")");
        }
        if (!text.isEmpty()) {
            conditions.add("(" + String.join(" or ", text) + ")");
        }
        if (filter.tagId() != null) {
            // Served by conversation_tag's (tag_id, conversation_id) index.
            conditions.add("exists (select t.tagId from ConversationTag t where t.conversationId = c.id "
                    + "and t.tagId = :tag)");
            params.put("tag", filter.tagId());
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
