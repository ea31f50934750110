package org.parley.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.parley.ParleyApplication;
import org.parley.assignment.AssignmentConflictException;
import org.parley.assignment.AssignmentService;
import org.parley.assignment.TakeoverNeededException;
import org.parley.audit.AuditEntries;
import org.parley.inbox.InboxService;
import org.parley.lists.InboxListSummary;
import org.parley.lists.ListService;
import org.parley.security.Role;
import org.parley.security.StaffFixtures;
import org.parley.security.StaffMember;
import org.parley.simulator.PhoneEntry;
import org.parley.simulator.SandboxCarrier;
import org.parley.testsupport.ActingAs;
import org.parley.testsupport.TestStaff;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.domain.PageRequest;
import org.springframework.security.core.context.SecurityContextHolderStrategy;

/** Taking a conversation at the same moment, and deleting a reply before it goes out, against the real database. */
class AssignmentAndDeletionIT {

    private static ConfigurableApplicationContext app;
    private static StaffMember ada;
    private static StaffMember dana;

    @BeforeAll
    static void start() {
        app = new SpringApplicationBuilder(ParleyApplication.class).run(
                "--server.port=0",
                "--spring.datasource.url=jdbc:h2:mem:assignrace;DB_CLOSE_DELAY=-1",
                "--parley.plugins.dir=" + System.getProperty("parley.test.plugins-dir"),
                "--parley.outbound.poll-interval=200ms",
                // A reply that failed waits long enough for its author to delete it.
                "--parley.outbound.first-retry=30s");
        StaffFixtures staff = app.getBean(StaffFixtures.class);
        staff.firstAdmin("ada", "Ada Admin", "a long enough password");
        ada = staff.account("ada", "Ada Admin", "a long enough password", Role.ADMIN);
        dana = staff.account("dana", "Dana Front", "a long enough password", Role.STAFF);
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    private static long conversationAfterText(String phone, String text) {
        SandboxCarrier carrier = app.getBean(SandboxCarrier.class);
        assertThat(carrier.textPractice("sandbox", phone, text, null, null, null).accepted()).isTrue();
        return app.getBean(InboxService.class).openConversations(ada, 0, 50).stream()
                .filter(r -> r.preview().equals(text)).findFirst().orElseThrow().id();
    }

    @Test
    void twoStaffTakingTheSameConversationAtOnceOneWinsAndTheOtherIsToldWhoHasIt() throws Exception {
        AssignmentService assignments = app.getBean(AssignmentService.class);
        for (int round = 0; round < 5; round++) {
            long id = conversationAfterText("+1929204100" + round, "Race " + round);
            int seen = app.getBean(ConversationService.class).header(id).assignment().version();
            CountDownLatch go = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(2);
            List<Future<String>> outcomes = new ArrayList<>();
            for (StaffMember taker : List.of(ada, dana)) {
                outcomes.add(pool.submit(() -> {
                    go.await();
                    try {
                        assignments.assignToMe(taker, id, seen);
                        return "won:" + taker.displayName();
                    } catch (AssignmentConflictException lost) {
                        return "lost:" + lost.getMessage();
                    }
                }));
            }
            go.countDown();
            List<String> results = new ArrayList<>();
            for (Future<String> outcome : outcomes) {
                results.add(outcome.get());
            }
            pool.shutdown();

            List<String> won = results.stream().filter(r -> r.startsWith("won:")).toList();
            List<String> lost = results.stream().filter(r -> r.startsWith("lost:")).toList();
            assertThat(won).hasSize(1);
            assertThat(lost).hasSize(1);
            String winner = won.get(0).substring(4);
            assertThat(lost.get(0)).isEqualTo("lost:" + winner + " has taken this conversation. Nothing was changed.");
            assertThat(app.getBean(ConversationService.class).header(id).assignment().badge()).isEqualTo(winner);
        }
    }

    @Test
    void aSecondAssignToMeAfterTheScreenShowedTheColleagueIsRefusedWithWhoHoldsItUntilConfirmed() {
        AssignmentService assignments = app.getBean(AssignmentService.class);
        ConversationService conversations = app.getBean(ConversationService.class);
        long id = conversationAfterText("+19292043001", "Who is taking this?");
        int listed = conversations.header(id).assignment().version();

        // Dana clicks first; 300 ms later Ada's screen already shows Dana (pushed) and Ada clicks "Assign to me".
        assignments.assignToMe(dana, id, listed);
        int shownToAda = conversations.header(id).assignment().version();

        assertThatThrownBy(() -> assignments.assignToMe(ada, id, shownToAda))
                .isInstanceOf(TakeoverNeededException.class)
                .hasMessage("Dana Front has this conversation. Take it over?");
        assertThatThrownBy(() -> assignments.assignToStaff(ada, id, Set.of(ada.id()), shownToAda))
                .isInstanceOf(TakeoverNeededException.class)
                .hasMessage("Dana Front has this conversation. Take it over?");
        // A screen that had not caught up yet is refused too, with who took it.
        assertThatThrownBy(() -> assignments.assignToMe(ada, id, listed))
                .isInstanceOf(AssignmentConflictException.class)
                .hasMessage("Dana Front has taken this conversation. Nothing was changed.");
        assertThat(conversations.header(id).assignment().badge()).isEqualTo("Dana Front");
        AuditEntries audit = app.getBean(AuditEntries.class);
        assertThat(audit.newest("CONVERSATION_TAKEN_OVER", PageRequest.of(0, 50)))
                .noneMatch(e -> e.targetId().equals(String.valueOf(id)));

        TakeoverNeededException question = Assertions.assertThrows(
                TakeoverNeededException.class, () -> assignments.assignToMe(ada, id, shownToAda));
        assignments.assignToMe(ada, id, question.version(), true);

        assertThat(conversations.header(id).assignment().badge()).isEqualTo("Ada Admin");
        assertThat(audit.newest("CONVERSATION_TAKEN_OVER", PageRequest.of(0, 50)))
                .anySatisfy(e -> {
                    assertThat(e.actor()).isEqualTo("ada");
                    assertThat(e.targetId()).isEqualTo(String.valueOf(id));
                    assertThat(e.detail()).isEqualTo("from staff " + dana.id());
                });
    }

    @Test
    void aConfirmedTakeoverIsRefusedWhenTheConversationChangedWhileTheQuestionWasOpen() {
        AssignmentService assignments = app.getBean(AssignmentService.class);
        ConversationService conversations = app.getBean(ConversationService.class);
        long id = conversationAfterText("+19292043002", "Anyone there?");
        assignments.assignToMe(dana, id, conversations.header(id).assignment().version());
        TakeoverNeededException question = Assertions.assertThrows(
                TakeoverNeededException.class,
                () -> assignments.assignToMe(ada, id, conversations.header(id).assignment().version()));

        // While Ada reads the question, Dana hands it back to a colleague of her choice (Ada herself here).
        assignments.assignToStaff(dana, id, Set.of(dana.id(), ada.id()), question.version());

        assertThatThrownBy(() -> assignments.assignToMe(ada, id, question.version(), true))
                .isInstanceOf(AssignmentConflictException.class)
                .hasMessageContaining("Nothing was changed.");
        assertThat(conversations.header(id).assignment().badge()).isEqualTo("Ada Admin, Dana Front");
    }

    @Test
    void puttingAColleaguesConversationIntoAListOrEscalatingItAsksFirstAndIsAuditedAsATakeoverWhenConfirmed() {
        AssignmentService assignments = app.getBean(AssignmentService.class);
        ConversationService conversations = app.getBean(ConversationService.class);
        ListService lists = app.getBean(ListService.class);
        AuditEntries audit = app.getBean(AuditEntries.class);
        var security = app.getBean(SecurityContextHolderStrategy.class);
        StaffMember olga = app.getBean(StaffFixtures.class).account("olga", "Olga Ombud", "a long enough password",
                Role.STAFF);
        InboxListSummary billing = ActingAs.call(security, "ada", "ADMIN",
                () -> lists.create(TestStaff.named("ada"), "Billing questions"));
        ActingAs.run(security, "ada", "ADMIN", () -> lists.setOmbudsman(TestStaff.named("ada"), olga.id()));
        long toList = conversationAfterText("+19292043003", "Is my bill right?");
        long toOmbudsman = conversationAfterText("+19292043004", "I want to complain");
        assignments.assignToMe(dana, toList, conversations.header(toList).assignment().version());
        assignments.assignToMe(dana, toOmbudsman, conversations.header(toOmbudsman).assignment().version());
        int listShown = conversations.header(toList).assignment().version();
        int ombudsmanShown = conversations.header(toOmbudsman).assignment().version();
        long messagesBefore = conversations.thread(toOmbudsman, 0, 500).size();

        // Ada's screen shows Dana holding both; Ada puts one into a list and escalates the other.
        TakeoverNeededException listQuestion = Assertions.assertThrows(
                TakeoverNeededException.class, () -> assignments.assignToList(ada, toList, billing.id(), listShown));
        TakeoverNeededException escalateQuestion = Assertions.assertThrows(
                TakeoverNeededException.class,
                () -> assignments.escalate(ada, toOmbudsman, "Complaint about the wait", ombudsmanShown));

        assertThat(listQuestion).hasMessage("Dana Front has this conversation. Take it over?");
        assertThat(escalateQuestion).hasMessage("Dana Front has this conversation. Take it over?");
        assertThat(conversations.header(toList).assignment().badge()).as("nothing changed").isEqualTo("Dana Front");
        assertThat(conversations.header(toOmbudsman).assignment().badge()).isEqualTo("Dana Front");
        assertThat(conversations.thread(toOmbudsman, 0, 500)).as("no note, no line in the thread").hasSize(
                (int) messagesBefore);
        assertThat(audit.newest("CONVERSATION_TAKEN_OVER", PageRequest.of(0, 50)))
                .noneMatch(e -> e.targetId().equals(String.valueOf(toList))
                        || e.targetId().equals(String.valueOf(toOmbudsman)));

        assignments.assignToList(ada, toList, billing.id(), listQuestion.version(), true);
        assignments.escalate(ada, toOmbudsman, "Complaint about the wait", escalateQuestion.version(), true);

        assertThat(conversations.header(toList).assignment().badge()).isEqualTo("Billing questions");
        assertThat(conversations.header(toOmbudsman).assignment().badge()).isEqualTo("Olga Ombud");
        assertThat(audit.newest("CONVERSATION_TAKEN_OVER", PageRequest.of(0, 50)))
                .filteredOn(e -> e.targetId().equals(String.valueOf(toList))
                        || e.targetId().equals(String.valueOf(toOmbudsman)))
                .hasSize(2).allSatisfy(e -> {
                    assertThat(e.actor()).isEqualTo("ada");
                    assertThat(e.detail()).isEqualTo("from staff " + dana.id());
                });

        // Olga holds it now: Olga escalating it again, or Ada moving what she holds herself, asks no one.
        int olgaShown = conversations.header(toOmbudsman).assignment().version();
        assignments.escalate(olga, toOmbudsman, "Still waiting", olgaShown);
        assignments.assignToMe(ada, toOmbudsman, conversations.header(toOmbudsman).assignment().version(), true);
        assignments.assignToList(ada, toOmbudsman, billing.id(),
                conversations.header(toOmbudsman).assignment().version());
        assertThat(conversations.header(toOmbudsman).assignment().badge()).isEqualTo("Billing questions");
    }

    @Test
    void aQueuedReplyItsAuthorDeletesIsNeverSent() {
        String phone = "+19292042000";
        long id = conversationAfterText(phone, "Is the clinic open Friday?");
        SandboxCarrier carrier = app.getBean(SandboxCarrier.class);
        ConversationService conversations = app.getBean(ConversationService.class);
        carrier.setOutage(true);
        try {
            long wrong = app.getBean(Replies.class).reply(ada, id, "Your results are normal").id();
            await().atMost(Duration.ofSeconds(20)).until(() -> conversations.thread(id, 0, 50).stream()
                    .anyMatch(m -> m.id() == wrong && m.statusReason() != null));

            app.getBean(MessageDeletion.class).deleteMessage(ada, wrong);
        } finally {
            carrier.setOutage(false);
        }
        long right = app.getBean(Replies.class).reply(ada, id, "Yes, 8 to 5.").id();

        await().atMost(Duration.ofSeconds(20)).until(() -> conversations.thread(id, 0, 50).stream()
                .anyMatch(m -> m.id() == right && m.status() == MessageStatus.DELIVERED));
        assertThat(carrier.phone(phone, 50)).extracting(PhoneEntry::body)
                .contains("Yes, 8 to 5.").doesNotContain("Your results are normal");
        assertThat(conversations.thread(id, 0, 50)).filteredOn(MessageView::deleted).singleElement()
                .satisfies(m -> {
                    assertThat(m.status()).isEqualTo(MessageStatus.CANCELLED);
                    assertThat(m.body()).isEmpty();
                    assertThat(m.deletion().byName()).isEqualTo("Ada Admin");
                });
    }
}
