package org.parley.inbox;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import org.parley.conversation.ConversationStatus;

/**
 * The conditions a page of conversations is selected by; {@code null} parts do not narrow. A text search gives the
 * contacts it names and the keyed hashes of its words: a conversation matches either.
 */
record ConversationFilter(ConversationStatus status, Long listId, Long assigneeId, boolean excludeBlocked,
                          Collection<Long> contactIds, List<String> wordHashes, Instant from, Instant to,
                          Long tagId) {

    ConversationFilter(ConversationStatus status, Long listId, Long assigneeId, boolean excludeBlocked,
                       Collection<Long> contactIds, List<String> wordHashes, Instant from, Instant to) {
        this(status, listId, assigneeId, excludeBlocked, contactIds, wordHashes, from, to, null);
    }

    /** The same conditions, narrowed to conversations with the tag ({@code null}: not narrowed). */
    ConversationFilter withTag(Long tag) {
        return new ConversationFilter(status, listId, assigneeId, excludeBlocked, contactIds, wordHashes, from, to, tag);
    }

    /**
     * Whether a conversation placed so meets these conditions, as the query's {@code where} would find; a search's
     * conditions (contacts, words, tag, dates) are not known from a placement, so with any of them it may.
     */
    boolean mayHold(ConversationQueries.Placement placement, long blockedListId) {
        if (contactIds != null || wordHashes != null || tagId != null || from != null || to != null) {
            return true;
        }
        return (status == null || status == placement.status())
                && (listId == null || listId.equals(placement.listId()))
                && (assigneeId == null || placement.assignees().contains(assigneeId))
                && (!excludeBlocked || placement.listId() == null || placement.listId() != blockedListId);
    }

    static ConversationFilter of(Inbox inbox, long viewerId, long blockedListId) {
        return switch (inbox) {
            case Inbox.Mine mine -> new ConversationFilter(ConversationStatus.OPEN, null, viewerId, true, null, null,
                    null, null);
            case Inbox.OfList list -> new ConversationFilter(ConversationStatus.OPEN, list.listId(), null, true, null,
                    null, null, null);
            case Inbox.AllOpen all -> new ConversationFilter(ConversationStatus.OPEN, null, null, true, null, null,
                    null, null);
            case Inbox.Closed closed -> new ConversationFilter(ConversationStatus.CLOSED, null, null, true, null,
                    null, null, null);
            case Inbox.OfColleague colleague -> new ConversationFilter(ConversationStatus.OPEN, null,
                    colleague.staffId(), true, null, null, null, null);
            case Inbox.Blocked blocked -> new ConversationFilter(null, blockedListId, null, false, null, null, null, null);
        };
    }
}
