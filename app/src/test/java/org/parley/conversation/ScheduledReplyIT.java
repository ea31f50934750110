package org.parley.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.parley.inbox.InboxFixtures;
import org.parley.inbox.InboxService;
import org.parley.practice.PracticeProfiles;
import org.parley.security.StaffDirectory;
import org.parley.security.StaffMember;
import org.parley.simulator.PhoneEntry;
import org.parley.simulator.SandboxCarrier;
import org.parley.testsupport.MutableClock;
import org.parley.testsupport.TestStaff;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.test.context.support.WithMockUser;

/**
 * Issue 17: a scheduled reply waits in the outbound queue until its time, goes out once, follows a change of its time,
 * and is refused with the reason when the patient opted out meanwhile. The clock is the test's and only moves forward.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:scheduledreply;DB_CLOSE_DELAY=-1",
        "parley.plugins.dir=${parley.test.plugins-dir}",
        "parley.outbound.poll-interval=200ms",
        "parley.outbound.messages-per-second-per-line=50"})
@Import(MutableClock.Config.class)
@WithMockUser(username = "admin", roles = "ADMIN")
class ScheduledReplyIT {

    static final ZoneId DENVER = ZoneId.of("America/Denver");

    @Autowired
    MutableClock clock;
    @Autowired
    ScheduledReplies scheduled;
    @Autowired
    ConversationService conversations;
    @Autowired
    InboxFixtures inbox;
    @Autowired
    InboxService inboxes;
    @Autowired
    StaffDirectory directory;
    @Autowired
    PracticeProfiles practice;
    @Autowired
    SandboxCarrier carrier;
    @Autowired
    JdbcClient db;

    StaffMember nurse;

    @BeforeEach
    void aNurseInDenver() {
        if (!directory.hasAnyUser()) {
            directory.createFirstAdmin("admin", "Ada Admin", "a long enough password");
        }
        nurse = directory.findByUsername("admin").orElseThrow();
        practice.change(TestStaff.named("admin"), "Front Range Family Medicine", DENVER.getId());
    }

    private static String newPhone() {
        return "+1929" + String.format("%07d", Math.abs(UUID.randomUUID().getMostSignificantBits()) % 10_000_000)
                .replaceAll("0000$", "0001");
    }

    private long conversationWith(String phone) {
        inbox.patientTexts("sandbox", UUID.randomUUID().toString(), phone, "Any news about my results?");
        return inboxes.openConversations(nurse, 0, 500).stream()
                .filter(row -> row.contactName().replaceAll("[^0-9]", "").equals(phone.substring(2)))
                .findFirst().orElseThrow().id();
    }

    private LocalDateTime inDenver(Duration fromNow) {
        return LocalDateTime.ofInstant(clock.instant().plus(fromNow), DENVER).truncatedTo(ChronoUnit.MINUTES);
    }

    private List<PhoneEntry> received(String phone) {
        return carrier.phone(phone, 50).stream().filter(entry -> !entry.fromPhone()).toList();
    }

    private String status(long messageId) {
        return db.sql("select status from message where id = ?").param(messageId).query(String.class).single();
    }

    private static void aFewPolls() throws InterruptedException {
        Thread.sleep(1500); // the queue polls every 200 ms
    }

    @Test
    void aScheduledReplyWaitsUntilItsTimeThenGoesOutOnceAndTakesItsPlaceInTheThread() throws Exception {
        String phone = newPhone();
        long conversation = conversationWith(phone);
        long id = scheduled.schedule(nurse, conversation, "Your results are normal.", List.of(),
                inDenver(Duration.ofHours(2))).id();

        aFewPolls();
        assertThat(received(phone)).isEmpty();
        assertThat(status(id)).isEqualTo("QUEUED");

        clock.advance(Duration.ofHours(2));
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(received(phone)).singleElement()
                .satisfies(entry -> assertThat(entry.body()).isEqualTo("Your results are normal.")));
        Instant sentAt = clock.instant();
        aFewPolls();
        assertThat(received(phone)).hasSize(1);
        MessageView reply = conversations.thread(conversation, 0, 10).getLast();
        assertThat(reply.id()).isEqualTo(id);
        assertThat(reply.createdAt()).as("dated when it went out").isCloseTo(sentAt, within(1, ChronoUnit.MILLIS));
        assertThat(reply.waitingToBeSent()).isFalse();

        assertThatThrownBy(() -> scheduled.change(nurse, id, "Too late", inDenver(Duration.ofHours(1))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("The scheduled reply went out already: it can no longer be changed or cancelled.");
        assertThatThrownBy(() -> scheduled.cancel(nurse, id)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void anEarlierTimeMakesItGoEarlierAndACancelledOneNeverGoes() throws Exception {
        String phone = newPhone();
        long conversation = conversationWith(phone);
        long moved = scheduled.schedule(nurse, conversation, "Moved earlier", List.of(),
                inDenver(Duration.ofHours(5))).id();
        long cancelled = scheduled.schedule(nurse, conversation, "Cancelled", List.of(),
                inDenver(Duration.ofMinutes(30))).id();
        scheduled.change(nurse, moved, "Moved earlier, and edited", inDenver(Duration.ofMinutes(20)));
        scheduled.cancel(nurse, cancelled);

        clock.advance(Duration.ofMinutes(45));
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(received(phone)).singleElement()
                .satisfies(entry -> assertThat(entry.body()).isEqualTo("Moved earlier, and edited")));
        aFewPolls();
        assertThat(received(phone)).hasSize(1);
        assertThat(status(cancelled)).isEqualTo("CANCELLED");
    }

    @Test
    void aPatientWhoOptsOutMeanwhileDoesNotGetItAndTheThreadSaysWhy() throws Exception {
        String phone = newPhone();
        long conversation = conversationWith(phone);
        long id = scheduled.schedule(nurse, conversation, "Reminder: your appointment is tomorrow.", List.of(),
                inDenver(Duration.ofHours(1))).id();
        inbox.patientTexts("sandbox", UUID.randomUUID().toString(), phone, "STOP");
        await().atMost(Duration.ofSeconds(15)).until(() -> received(phone).size() == 1); // the STOP confirmation

        clock.advance(Duration.ofHours(1));
        await().atMost(Duration.ofSeconds(15)).until(() -> status(id).equals("FAILED"));

        MessageView refused = conversations.thread(conversation, 0, 20).stream().filter(m -> m.id() == id)
                .findFirst().orElseThrow();
        assertThat(refused.statusReason()).contains("opted out");
        ConversationHeader header = conversations.header(conversation);
        assertThat(header.attention()).isEqualTo(Attention.DELIVERY_FAILED);
        assertThat(header.attentionReason()).contains("opted out");
        aFewPolls();
        assertThat(received(phone)).singleElement()
                .satisfies(entry -> assertThat(entry.body()).contains("no more texts"));
    }

    @Test
    void aTimeMoreThanAYearAheadIsRefused() {
        long conversation = conversationWith(newPhone());
        assertThatThrownBy(() -> scheduled.schedule(nurse, conversation, "Far away", List.of(),
                inDenver(Duration.ofDays(400))))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("Choose a time within a year.");
    }
}
