package org.parley.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.parley.assignment.AssignmentService;
import org.parley.base.SharedReads;
import org.parley.conversation.ConversationService;
import org.parley.lists.ListService;
import org.parley.security.Role;
import org.parley.security.StaffFixtures;
import org.parley.security.StaffMember;
import org.parley.testsupport.ActingAs;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.test.annotation.DirtiesContext;

/**
 * The inbox's counts as the navigation shows them (totals read once for all screens, less what each viewer has seen)
 * agree with counting each view on its own, for every viewer: after assignment, seeing, a new patient message and
 * BLOCKED. A live refresh shares the totals among the screens of one batch of changes and reads anew for the next.
 */
@SpringBootTest(properties = {"spring.datasource.url=jdbc:h2:mem:inbox-counts;DB_CLOSE_DELAY=-1",
        "parley.plugins.dir=${parley.test.plugins-dir}"})
@DirtiesContext
class InboxCountsIT {

    @Autowired
    InboxService inboxes;
    @Autowired
    InboxFixtures texts;
    @Autowired
    StaffFixtures staff;
    @Autowired
    AssignmentService assignments;
    @Autowired
    ConversationService conversations;
    @Autowired
    ListService lists;
    @Autowired
    SharedReads shared;
    @Autowired
    SecurityContextHolderStrategy security;
    @Autowired
    JdbcTemplate jdbc;

    StaffMember ada;
    StaffMember nia;
    StaffMember sam;
    static int sequence;

    @BeforeEach
    void staff() {
        ada = staff.account("ada-counts", "Ada Admin", "a long enough password", Role.ADMIN);
        nia = staff.account("nia-counts", "Nia Nurse", "a long enough password", Role.STAFF);
        sam = staff.account("sam-counts", "Sam Frontdesk", "a long enough password", Role.STAFF);
    }

    private long patientTexts(String number, String text) {
        texts.patientTexts("sandbox", "SM-counts-" + ++sequence, number, text);
        return inboxes.conversations(ada, new Inbox.AllOpen(), 0, 50).stream()
                .filter(row -> row.preview().equals(text)).findFirst()
                .orElseThrow(() -> new AssertionError("not in All open: " + text + " among "
                        + inboxes.conversations(ada, new Inbox.AllOpen(), 0, 50) + " blocked "
                        + inboxes.conversations(ada, new Inbox.Blocked(), 0, 50))).id();
    }

    private List<Inbox> views() {
        List<Inbox> views = new ArrayList<>(List.of(new Inbox.Mine(), new Inbox.AllOpen(),
                new Inbox.OfColleague(nia.id()), new Inbox.OfColleague(sam.id()), new Inbox.Closed(),
                new Inbox.Blocked()));
        lists.all().stream().filter(list -> !list.blocked()).forEach(list -> views.add(new Inbox.OfList(list.id())));
        return views;
    }

    /** Each view counted on its own, total and unread over its conversations: the oracle. */
    private Map<Inbox, InboxCount> countedOneByOne(StaffMember viewer) {
        Map<Inbox, InboxCount> counts = new HashMap<>();
        for (Inbox view : views()) {
            if (view instanceof Inbox.Blocked && !viewer.isAdmin()) {
                continue;
            }
            InboxCount count = inboxes.count(viewer, view);
            counts.put(view, view instanceof Inbox.Closed ? new InboxCount(inboxes.countClosed(viewer), 0) : count);
        }
        return counts;
    }

    private List<Inbox> viewsOf(StaffMember viewer) {
        return views().stream().filter(view -> viewer.isAdmin() || !(view instanceof Inbox.Blocked)).toList();
    }

    @Test
    void everyViewersCountsAgreeWithCountingEachViewOnItsOwn() {
        long first = patientTexts("+15550001001", "Counts: refill please");
        long second = patientTexts("+15550001002", "Counts: appointment?");
        long third = patientTexts("+15550001003", "Counts: lab results");
        patientTexts("+15550001004", "Counts: thanks");
        long spam = patientTexts("+15550001005", "Counts: cheap offers");
        assignments.assignToStaff(ada, first, Set.of(nia.id()), AssignmentService.ANY);
        assignments.assignToStaff(ada, second, Set.of(nia.id(), sam.id()), AssignmentService.ANY);
        conversations.open(nia, first);
        conversations.open(nia, third);
        conversations.open(sam, second);
        texts.patientTexts("sandbox", "SM-counts-again", "+15550001003", "Counts: one more thing");
        assignments.close(ada, patientTexts("+15550001006", "Counts: all sorted"));
        ActingAs.call(security, ada.username(), "ADMIN", () -> {
            assignments.block(ada, spam);
            return null;
        });

        for (StaffMember viewer : List.of(ada, nia, sam)) {
            Map<Inbox, InboxCount> expected = countedOneByOne(viewer);
            assertThat(inboxes.counts(viewer, viewsOf(viewer))).as(viewer.displayName()).isEqualTo(expected);
            shared.nextBatch();
            assertThat(inboxes.counts(viewer, viewsOf(viewer), Reading.LIVE)).as(viewer.displayName())
                    .isEqualTo(expected);
        }
        assertThat(inboxes.counts(nia, List.of(new Inbox.Mine())).get(new Inbox.Mine()))
                .as("Nia opened the first of her two; the second, shared with Sam, only Sam opened")
                .isEqualTo(new InboxCount(2, 1));
    }

    @Test
    void screensRefreshingForOneBatchShareTheTotalsAndTheNextBatchReadsThemAnew() {
        long id = patientTexts("+15550002001", "Shared: first");
        // Tried again should the dispatcher start a batch of its own (for the text above) in the middle.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            shared.nextBatch();
            long before = allOpen(nia, Reading.LIVE);
            // A change no batch has brought yet (written around the services, so no live update follows).
            jdbc.update("update conversation set status = 'CLOSED' where id = ?", id);
            try {
                assertThat(allOpen(sam, Reading.LIVE))
                        .as("a screen refreshing for the same batch shares what the first one read").isEqualTo(before);
                assertThat(allOpen(sam, Reading.FRESH)).as("a person's own action reads now").isEqualTo(before - 1);
                shared.nextBatch();
                assertThat(allOpen(sam, Reading.LIVE)).as("the next batch reads the totals anew")
                        .isEqualTo(before - 1);
            } finally {
                jdbc.update("update conversation set status = 'OPEN' where id = ?", id);
            }
        });
    }

    private long allOpen(StaffMember viewer, Reading reading) {
        return inboxes.counts(viewer, List.of(new Inbox.AllOpen()), reading).get(new Inbox.AllOpen()).total();
    }
}
