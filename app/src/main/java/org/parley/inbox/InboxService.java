package org.parley.inbox;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.parley.base.SharedReads;
import org.parley.escalation.Wait;
import org.parley.escalation.Waits;
import org.parley.lists.InboxListSummary;
import org.parley.lists.ListService;
import org.parley.patient.ContactService;
import org.parley.patient.ContactSummary;
import org.parley.security.StaffDirectory;
import org.parley.security.StaffMember;
import org.parley.tag.Tag;
import org.parley.tag.TagService;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The shared inbox's views (my inbox, each list, all open, closed, a colleague's inbox, BLOCKED) and conversation
 * search: pages of rows with their assignment badge, and live counts.
 */
@Service
// Patients' data only for a session with the STAFF or ADMIN role (see StaffAccess).
@PreAuthorize("@staffAccess.permitsPhi()")
public class InboxService {

    /** The most contacts a name, number or date search narrows to; a broader search asks for more letters. */
    static final int MAX_SEARCHED_CONTACTS = 2000;

    private final ConversationQueries queries;
    private final ContactService contacts;
    private final ListService lists;
    private final StaffDirectory staff;
    private final Clock clock;
    private final MessageWords words;
    private final SharedReads shared;
    private final TagService tags;
    private final Waits waits;

    InboxService(ConversationQueries queries, ContactService contacts, ListService lists, StaffDirectory staff,
                 Clock clock, MessageWords words, SharedReads shared, TagService tags,
                 Waits waits) {
        this.shared = shared;
        this.tags = tags;
        this.waits = waits;
        this.queries = queries;
        this.contacts = contacts;
        this.lists = lists;
        this.staff = staff;
        this.clock = clock;
        this.words = words;
    }

    /** A page of all open conversations, newest activity first, marked unseen for {@code viewer}. */
    @Transactional(readOnly = true)
    public List<ConversationRow> openConversations(StaffMember viewer, int offset, int limit) {
        return conversations(viewer, new Inbox.AllOpen(), offset, limit);
    }

    /** A page of an inbox view, newest activity first, read now. */
    @Transactional(readOnly = true)
    public List<ConversationRow> conversations(StaffMember viewer, Inbox inbox, int offset, int limit) {
        return conversations(viewer, inbox, offset, limit, Reading.FRESH);
    }

    /**
     * A page of an inbox view, newest activity first. For a {@link Reading#LIVE} refresh, the rows and their names and
     * badges are read once for every screen refreshing for the same batch of changes; only whether the viewer has seen
     * each is read for the viewer.
     */
    @Transactional(readOnly = true)
    public List<ConversationRow> conversations(StaffMember viewer, Inbox inbox, int offset, int limit,
                                               Reading reading) {
        checkMayView(viewer, inbox);
        long blocked = lists.blockedListId();
        ConversationFilter filter = ConversationFilter.of(inbox, viewer.id(), blocked);
        List<InboxRow> page = reading == Reading.LIVE
                ? shared.read(List.of("inbox page", filter, offset, limit),
                        () -> queries.page(filter, blocked, offset, limit))
                : queries.page(filter, blocked, offset, limit);
        return rows(viewer, page, reading);
    }

    /**
     * Whether the view can show any of these conversations as they are now: a screen refreshing for live updates
     * redraws its list only when a changed conversation is in it or may now be, and otherwise recounts its views
     * alone (a text for another list does not redraw My inbox). Where the conversations are is read once for every
     * screen refreshing for the same batch.
     */
    @Transactional(readOnly = true)
    public boolean mayShowAny(StaffMember viewer, Inbox inbox, Collection<Long> conversationIds) {
        checkMayView(viewer, inbox);
        long blocked = lists.blockedListId();
        ConversationFilter filter = ConversationFilter.of(inbox, viewer.id(), blocked);
        List<Long> ids = conversationIds.stream().sorted().distinct().toList();
        Map<Long, ConversationQueries.Placement> placed = shared.read(List.of("placements", ids),
                () -> queries.placements(ids));
        return placed.values().stream().anyMatch(placement -> filter.mayHold(placement, blocked));
    }

    /** A page of an inbox view narrowed to the conversations with a tag ({@code null}: all), newest first. */
    @Transactional(readOnly = true)
    public List<ConversationRow> conversations(StaffMember viewer, Inbox inbox, Long tagId, int offset, int limit,
                                               Reading reading) {
        if (tagId == null) {
            return conversations(viewer, inbox, offset, limit, reading);
        }
        checkMayView(viewer, inbox);
        long blocked = lists.blockedListId();
        ConversationFilter filter = ConversationFilter.of(inbox, viewer.id(), blocked).withTag(tagId);
        return rows(viewer, queries.page(filter, blocked, offset, limit), reading);
    }

    /** How many conversations of an inbox view have the tag, and how many of them the viewer has not read. */
    @Transactional(readOnly = true)
    public InboxCount count(StaffMember viewer, Inbox inbox, Long tagId) {
        checkMayView(viewer, inbox);
        long blocked = lists.blockedListId();
        return queries.count(ConversationFilter.of(inbox, viewer.id(), blocked).withTag(tagId), viewer.id(), blocked);
    }

    /** How many conversations an inbox view holds, and how many of them the viewer has not read. */
    @Transactional(readOnly = true)
    public InboxCount count(StaffMember viewer, Inbox inbox) {
        checkMayView(viewer, inbox);
        long blocked = lists.blockedListId();
        return queries.count(ConversationFilter.of(inbox, viewer.id(), blocked), viewer.id(), blocked);
    }

    /**
     * The counts of several views at once, as the inbox's navigation shows them, read now. Closed carries no unread
     * count.
     */
    @Transactional(readOnly = true)
    public Map<Inbox, InboxCount> counts(StaffMember viewer, List<Inbox> views) {
        return counts(viewer, views, Reading.FRESH);
    }

    /**
     * The counts of several views at once. The views of open conversations come from grouped totals that are the same
     * for every viewer (read once for all the screens refreshing for a batch of changes, when {@link Reading#LIVE})
     * less what this viewer has seen since each conversation's latest patient message (read from the viewer's own
     * rows): no count scans the open conversations once per screen. Closed and BLOCKED are counted apart; Closed
     * carries no unread count.
     */
    @Transactional(readOnly = true)
    public Map<Inbox, InboxCount> counts(StaffMember viewer, List<Inbox> views, Reading reading) {
        views.forEach(view -> checkMayView(viewer, view));
        long blocked = lists.blockedListId();
        Map<Inbox, InboxCount> counts = new LinkedHashMap<>();
        if (views.stream().anyMatch(InboxService::isOpenView)) {
            ConversationQueries.OpenTotals totals = reading == Reading.LIVE
                    ? shared.read(List.of("open totals", blocked), () -> queries.openTotals(blocked))
                    : queries.openTotals(blocked);
            // The viewer's own: shared only between this viewer's screen parts (the views' navigation and the menu's
            // badge both count) and tabs refreshing for the same batch.
            ConversationQueries.OpenCounts seen = reading == Reading.LIVE
                    ? shared.read(List.of("seen since latest inbound", viewer.id(), blocked),
                            () -> queries.seenSinceLatestInbound(viewer.id(), blocked))
                    : queries.seenSinceLatestInbound(viewer.id(), blocked);
            for (Inbox view : views) {
                if (isOpenView(view)) {
                    counts.put(view, new InboxCount(totals.conversations().of(view, viewer.id()),
                            totals.withPatientMessage().of(view, viewer.id()) - seen.of(view, viewer.id())));
                }
            }
        }
        for (Inbox view : views) {
            if (view instanceof Inbox.Closed) {
                counts.put(view, new InboxCount(countClosed(viewer), 0));
            } else if (view instanceof Inbox.Blocked) {
                counts.put(view, queries.count(ConversationFilter.of(view, viewer.id(), blocked), viewer.id(), blocked));
            }
        }
        return counts;
    }

    private static boolean isOpenView(Inbox view) {
        return !(view instanceof Inbox.Closed) && !(view instanceof Inbox.Blocked);
    }

    /** How many conversations are closed (without the unread count, which means nothing for closed ones). */
    @Transactional(readOnly = true)
    public long countClosed(StaffMember viewer) {
        long blocked = lists.blockedListId();
        return queries.total(ConversationFilter.of(new Inbox.Closed(), viewer.id(), blocked), blocked);
    }

    /** A page of conversations matching a search, newest activity first. BLOCKED is searched by admins only. */
    @Transactional(readOnly = true)
    public List<ConversationRow> search(StaffMember viewer, ConversationSearch search, int offset, int limit) {
        long blocked = lists.blockedListId();
        return rows(viewer, queries.page(filter(viewer, search, blocked), blocked, offset, limit), Reading.FRESH);
    }

    /** How many conversations match a search. */
    @Transactional(readOnly = true)
    public long countSearch(StaffMember viewer, ConversationSearch search) {
        long blocked = lists.blockedListId();
        return queries.total(filter(viewer, search, blocked), blocked);
    }

    private ConversationFilter filter(StaffMember viewer, ConversationSearch search, long blocked) {
        Collection<Long> contactIds = null;
        List<String> wordHashes = null;
        if (search.hasText()) {
            contactIds = contacts.contactIdsMatching(search.text(), MAX_SEARCHED_CONTACTS);
            wordHashes = words.hashesOf(search.text());
            if (!wordHashes.isEmpty() && !queries.everyWordOccurs(wordHashes)) {
                wordHashes = List.of();
            }
        }
        ZoneId zone = clock.getZone();
        boolean searchesBlocked = search.listId() != null && search.listId() == blocked;
        if (searchesBlocked && !staff.isAdminNow(viewer.id())) {
            throw new AccessDeniedException("Only admins open the BLOCKED list.");
        }
        return new ConversationFilter(search.status(), search.listId(), search.assigneeId(), !searchesBlocked,
                contactIds, wordHashes,
                Optional.ofNullable(search.from()).map(d -> d.atStartOfDay(zone).toInstant()).orElse(null),
                Optional.ofNullable(search.to()).map(d -> d.plusDays(1).atStartOfDay(zone).toInstant()).orElse(null),
                search.tagId());
    }

    private void checkMayView(StaffMember viewer, Inbox inbox) {
        // The account as it is now, not the screen's copy: a demoted admin's open BLOCKED list gets nothing.
        if (inbox instanceof Inbox.Blocked && !staff.isAdminNow(viewer.id())) {
            throw new AccessDeniedException("Only admins open the BLOCKED list.");
        }
    }

    private List<ConversationRow> rows(StaffMember viewer, List<InboxRow> rows, Reading reading) {
        if (rows.isEmpty()) {
            return List.of();
        }
        List<Long> ids = rows.stream().map(InboxRow::id).toList();
        Map<Long, Instant> seen = queries.seenAt(viewer.id(), ids);
        Decoration decoration = reading == Reading.LIVE
                ? shared.read(List.of("inbox rows", ids), () -> decorate(rows))
                : decorate(rows);
        return rows.stream().map(row -> new ConversationRow(row.id(),
                decoration.names().getOrDefault(row.contactId(), "Unknown"),
                row.preview() == null ? "" : row.preview(), row.lastActivityAt(), unseen(row, seen.get(row.id())),
                row.attention(), decoration.badges().getOrDefault(row.id(), ""), row.status(),
                decoration.tags().getOrDefault(row.id(), List.of()), decoration.waits().get(row.id())))
                .toList();
    }

    private static boolean unseen(InboxRow row, Instant seenAt) {
        return row.lastInboundAt() != null && (seenAt == null || seenAt.isBefore(row.lastInboundAt()));
    }

    /** What a page of rows shows besides the conversation itself: the same for every viewer. */
    private record Decoration(Map<Long, String> names, Map<Long, String> badges,
                              Map<Long, List<Tag>> tags, Map<Long, Wait> waits) {
    }

    private Decoration decorate(List<InboxRow> rows) {
        Map<Long, ContactSummary> who = contacts.find(rows.stream().map(InboxRow::contactId).distinct().toList());
        Map<Long, Set<Long>> assignees = queries.assignees(rows.stream().map(InboxRow::id).toList());
        Map<Long, String> listNames = lists.all().stream()
                .collect(Collectors.toMap(InboxListSummary::id, InboxListSummary::name));
        Map<Long, String> staffNames = assignees.values().stream().flatMap(Set::stream).distinct()
                .collect(Collectors.toMap(Function.identity(),
                        id -> staff.find(id).map(StaffMember::displayName).orElse("Former staff")));
        Map<Long, String> names = new HashMap<>();
        who.forEach((id, contact) -> names.put(id, contact.displayName()));
        Map<Long, String> badges = new HashMap<>();
        for (InboxRow row : rows) {
            badges.put(row.id(), badge(row, assignees.getOrDefault(row.id(), Set.of()), listNames, staffNames));
        }
        List<Long> ids = rows.stream().map(InboxRow::id).toList();
        return new Decoration(Map.copyOf(names), Map.copyOf(badges), Map.copyOf(tags.tagsOf(ids)),
                Map.copyOf(waits.of(ids)));
    }

    private static String badge(InboxRow row, Set<Long> assigneeIds, Map<Long, String> listNames,
                                Map<Long, String> staffNames) {
        if (row.assignedListId() != null) {
            return listNames.getOrDefault(row.assignedListId(), "");
        }
        return assigneeIds.stream().map(staffNames::get).sorted().collect(Collectors.joining(", "));
    }

}
