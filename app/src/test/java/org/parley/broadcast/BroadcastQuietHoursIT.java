package org.parley.broadcast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.parley.conversation.BulkMessages;
import org.parley.patient.ContactService;
import org.parley.patient.ContactSummary;
import org.parley.patient.Families;
import org.parley.patient.PatientDetails;
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
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Issue 17: a broadcast reaches each patient only between 8 am and 9 pm in the patient's own zone (their profile's,
 * else the practice's), and the night the clocks go forward the window opens at 8 am summer time. The clock is the
 * test's and only moves forward.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:broadcastquiethours;DB_CLOSE_DELAY=-1",
        "parley.plugins.dir=${parley.test.plugins-dir}",
        "parley.outbound.poll-interval=200ms",
        "parley.outbound.messages-per-second-per-line=50",
        "parley.broadcast.poll-interval=200ms"})
@Import(MutableClock.Config.class)
@WithMockUser(username = "admin", roles = "ADMIN")
class BroadcastQuietHoursIT {

    @Autowired
    MutableClock clock;
    @Autowired
    Broadcasts broadcasts;
    @Autowired
    BulkMessages bulk;
    @Autowired
    ContactService contacts;
    @Autowired
    Families families;
    @Autowired
    StaffDirectory directory;
    @Autowired
    PracticeProfiles practice;
    @Autowired
    SandboxCarrier carrier;
    @Autowired
    JdbcClient db;

    StaffMember admin;

    @BeforeEach
    void aPracticeInNewYork() {
        if (!directory.hasAnyUser()) {
            directory.createFirstAdmin("admin", "Ada Admin", "a long enough password");
        }
        admin = directory.findByUsername("admin").orElseThrow();
        practice.change(TestStaff.named("admin"), "Hudson Family Medicine", "America/New_York");
    }

    private static String newPhone() {
        return "+19292" + String.format("%06d", Math.abs(UUID.randomUUID().getMostSignificantBits()) % 1_000_000)
                .replaceAll("0000$", "0001");
    }

    private List<PhoneEntry> received(String phone) {
        return carrier.phone(phone, 50).stream().filter(entry -> !entry.fromPhone()).toList();
    }

    private static void aFewPolls() throws InterruptedException {
        Thread.sleep(1500); // the feeder and the queue poll every 200 ms
    }

    @Test
    void theNightTheClocksGoForwardNewYorkGetsItAtEightSummerTimeAndLosAngelesTheEveningBefore() throws Exception {
        // Saturday 13 March 2027, 10 pm in New York (EST), 7 pm in Los Angeles (PST)
        clock.set(Instant.parse("2027-03-14T03:00:00Z"));
        String newYork = newPhone();
        String losAngeles = newPhone();
        contacts.createPatient("admin", new PatientDetails("Nora", "East", LocalDate.of(1961, 4, 1), newYork, null,
                null)); // no zone of her own: the practice's
        contacts.createPatient("admin", new PatientDetails("Luis", "West", LocalDate.of(1961, 4, 2), losAngeles,
                null, null, "America/Los_Angeles"));
        BroadcastPlan plan = broadcasts.prepare(admin, "Clinic moves", "sandbox",
                "Hi {patient.firstName}, from Monday we are at 12 Main St.",
                new AudienceChoice.BornBetween(LocalDate.of(1961, 4, 1), LocalDate.of(1961, 4, 2)));
        assertThat(plan.toSend()).isEqualTo(2);
        broadcasts.start(admin, plan.broadcastId());

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(received(losAngeles)).singleElement()
                .satisfies(e -> assertThat(e.body()).isEqualTo("Hi Luis, from Monday we are at 12 Main St.")));
        aFewPolls();
        assertThat(received(newYork)).as("10 pm in New York").isEmpty();
        assertThat(db.sql("select not_before from broadcast_recipient where broadcast_id = ? and state = 'PENDING'")
                .param(plan.broadcastId()).query((rs, n) -> rs.getTimestamp(1).toInstant()).single())
                .isEqualTo(Instant.parse("2027-03-14T12:00:00Z"));

        clock.set(Instant.parse("2027-03-14T11:30:00Z")); // 7:30 am EDT (6:30 am by standard time)
        aFewPolls();
        assertThat(received(newYork)).as("7:30 am in New York").isEmpty();
        assertThat(broadcasts.progress(plan.broadcastId()).state()).isEqualTo(BroadcastState.SENDING);

        clock.set(Instant.parse("2027-03-14T12:00:30Z")); // 8:00 am EDT (7:00 am by standard time)
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(received(newYork)).singleElement()
                .satisfies(e -> assertThat(e.body()).isEqualTo("Hi Nora, from Monday we are at 12 Main St.")));
        await().atMost(Duration.ofSeconds(10)).until(() ->
                broadcasts.progress(plan.broadcastId()).state() == BroadcastState.DONE);
        aFewPolls();
        assertThat(received(losAngeles)).hasSize(1);
        assertThat(received(newYork)).hasSize(1);
    }

    @Test
    void aBulkMessageQueuedInQuietHoursIsNotDueInTheQueueBeforeTheyEnd() {
        // Saturday 30 October 2027, 9:15 pm in Chicago (CDT, UTC-5); the clocks go back a week later
        clock.set(Instant.parse("2027-10-31T02:15:00Z"));
        String phone = newPhone();
        ContactSummary patient = contacts.createPatient("admin", new PatientDetails("Cara", "Mid",
                LocalDate.of(1962, 5, 1), phone, null, null, "America/Chicago"));
        long messageId = new TransactionTemplate(transactions)
                .execute(status -> bulk.queue(patient.id(), "sandbox", admin.id(), "Flu shots are in.",
                        ZoneId.of("America/Chicago")));
        assertThat(db.sql("select next_attempt_at from outbound_task where id = ?").param(messageId)
                .query((rs, n) -> rs.getTimestamp(1).toInstant()).single())
                .isEqualTo(Instant.parse("2027-10-31T13:00:00Z")); // 8 am CDT
    }

    @Test
    void aPatientsTimeZoneIsKeptAndAnUnknownOneIsRefusedNamingTheField() {
        ContactSummary patient = contacts.createPatient("admin", new PatientDetails("Tia", "Zone",
                LocalDate.of(1963, 6, 1), newPhone(), null, null, "America/Phoenix"));
        assertThat(contacts.timeZone(patient.id())).contains(ZoneId.of("America/Phoenix"));
        assertThat(contacts.details("admin", patient.id()).orElseThrow().timeZone()).isEqualTo("America/Phoenix");
        Assertions.assertThatThrownBy(() -> contacts.updatePatient("admin", patient.id(),
                        new PatientDetails("Tia", "Zone", LocalDate.of(1963, 6, 1), "", null, null, "Mars/Olympus")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("The time zone is not known");
        assertThat(contacts.timeZone(patient.id())).as("nothing stored").contains(
                ZoneId.of("America/Phoenix"));
        ContactSummary dependent = families.addDependent("admin", patient.id(), new PatientDetails("Ben", "Zone",
                LocalDate.of(2015, 6, 1), "", null, null));
        assertThat(contacts.timeZone(dependent.id())).as("the guardian's").contains(
                ZoneId.of("America/Phoenix"));
    }

    @Autowired
    PlatformTransactionManager transactions;
}
