package org.parley.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.parley.conversation.ConversationStatus;

/**
 * Whether an inbox view may hold a conversation, from where the conversation is (its status, list and assignees): a
 * screen refreshing for live updates redraws its list only when it may (issue 16: an open inbox's work per text must
 * not grow with screens that do not show it). The answer must agree with the view's query, or a screen misses a row.
 */
class ConversationFilterTest {

    private static final long ME = 7;
    private static final long COLLEAGUE = 8;
    private static final long FRONT_DESK = 3;
    private static final long BLOCKED = 99;

    private static ConversationQueries.Placement open(Long list, Long... assignees) {
        return new ConversationQueries.Placement(ConversationStatus.OPEN, list, Set.of(assignees));
    }

    private static boolean mayHold(Inbox view, ConversationQueries.Placement placement) {
        return ConversationFilter.of(view, ME, BLOCKED).mayHold(placement, BLOCKED);
    }

    @Test
    void myInboxMayHoldOnlyOpenConversationsAssignedToMeOutsideBlocked() {
        assertThat(mayHold(new Inbox.Mine(), open(null, ME))).isTrue();
        assertThat(mayHold(new Inbox.Mine(), open(FRONT_DESK, COLLEAGUE, ME))).isTrue();
        assertThat(mayHold(new Inbox.Mine(), open(FRONT_DESK))).isFalse();
        assertThat(mayHold(new Inbox.Mine(), open(null, COLLEAGUE))).isFalse();
        assertThat(mayHold(new Inbox.Mine(), open(BLOCKED, ME))).isFalse();
        assertThat(mayHold(new Inbox.Mine(), new ConversationQueries.Placement(ConversationStatus.CLOSED, null,
                Set.of(ME)))).isFalse();
    }

    @Test
    void aListsViewMayHoldItsOpenConversationsAndAColleaguesInboxTheirs() {
        assertThat(mayHold(new Inbox.OfList(FRONT_DESK), open(FRONT_DESK))).isTrue();
        assertThat(mayHold(new Inbox.OfList(FRONT_DESK), open(4L))).isFalse();
        assertThat(mayHold(new Inbox.OfList(FRONT_DESK), open(null, ME))).isFalse();
        assertThat(mayHold(new Inbox.OfColleague(COLLEAGUE), open(null, COLLEAGUE))).isTrue();
        assertThat(mayHold(new Inbox.OfColleague(COLLEAGUE), open(null, ME))).isFalse();
    }

    @Test
    void allOpenClosedAndBlockedFollowStatusAndTheBlockedList() {
        assertThat(mayHold(new Inbox.AllOpen(), open(FRONT_DESK))).isTrue();
        assertThat(mayHold(new Inbox.AllOpen(), open(BLOCKED))).isFalse();
        ConversationQueries.Placement closed = new ConversationQueries.Placement(ConversationStatus.CLOSED, FRONT_DESK,
                Set.of());
        assertThat(mayHold(new Inbox.Closed(), closed)).isTrue();
        assertThat(mayHold(new Inbox.AllOpen(), closed)).isFalse();
        assertThat(mayHold(new Inbox.Blocked(), open(BLOCKED))).isTrue();
        assertThat(mayHold(new Inbox.Blocked(), new ConversationQueries.Placement(ConversationStatus.CLOSED, BLOCKED,
                Set.of()))).isTrue();
        assertThat(mayHold(new Inbox.Blocked(), open(FRONT_DESK))).isFalse();
    }

    @Test
    void aSearchMayHoldAnythingItsPlacementCannotRuleOut() {
        ConversationFilter search = new ConversationFilter(ConversationStatus.OPEN, null, null, true, List.of(5L),
                null, null, null);
        assertThat(search.mayHold(open(FRONT_DESK), BLOCKED)).isTrue();
        assertThat(ConversationFilter.of(new Inbox.Mine(), ME, BLOCKED).withTag(12L).mayHold(open(FRONT_DESK), BLOCKED))
                .isTrue();
    }
}
