package org.parley.escalation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.parley.assignment.AssignmentService;
import org.parley.audit.AuditEntries;
import org.parley.conversation.Replies;
import org.parley.hours.LineHours;
import org.parley.hours.OfficeHours;
import org.parley.inbox.ConversationRow;
import org.parley.inbox.ConversationSearch;
import org.parley.inbox.InboxFixtures;
import org.parley.inbox.InboxService;
import org.parley.lists.InboxListSummary;
import org.parley.lists.ListService;
import org.parley.lists.ResponseGoal;
import org.parley.notify.DesktopNotification;
import org.parley.notify.PopUpsDelivered;
import org.parley.patient.ContactService;
import org.parley.practice.PracticeProfiles;
import org.parley.security.Role;
import org.parley.security.StaffDirectory;
import org.parley.security.StaffFixtures;
import org.parley.security.StaffMember;
import org.parley.testsupport.MutableClock;
import org.parley.testsupport.TestStaff;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.data.domain.PageRequest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.test.context.support.WithMockUser;

/**
 * Issue 17, unanswered escalation: a patient's wait for a staff answer counts only the line's office hours; past the
 * list's response goal the conversation is marked, the list's subscribers (or the person the admin chose) hear of it
 * once, and it may move to an escalation list. A staff reply or closing ends the wait; an automatic reply does not.
 * The clock is the test's; the check is run by hand (its cluster-wide schedule is {@code RecurringJobs}').
 */
@SpringBootTest(properties = {
        "spring.datasource.url=jdbc:h2:mem:escalation;DB_CLOSE_DELAY=-1",
        "parley.plugins.dir=${parley.test.plugins-dir}",
        // the test runs the check itself
        "parley.escalation.check-interval=1h"})
@Import({MutableClock.Config.class, PopUpsDelivered.Config.class})
@WithMockUser(username = "admin", roles = "ADMIN")
class UnansweredEscalationIT {

    static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    @Autowired
    MutableClock clock;
    @Autowired
    UnansweredEscalation escalation;
    @Autowired
    OfficeHours officeHours;
    @Autowired
    PracticeProfiles practice;
    @Autowired
    ListService lists;
    @Autowired
    InboxFixtures inbox;
    @Autowired
    InboxService inboxes;
    @Autowired
    Replies replies;
    @Autowired
    AssignmentService assignment;
    @Autowired
    ContactService contacts;
    @Autowired
    StaffDirectory directory;
    @Autowired
    StaffFixtures staffFixtures;
    @Autowired
    PopUpsDelivered popUps;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    AuditEntries audit;

    StaffMember admin;
    StaffMember nurse;
    InboxListSummary frontDesk;

    @BeforeEach
    void frontDeskHasAThirtyMinuteGoalAndTheLineIsOpenWeekdaysEightToFive() {
        if (!directory.hasAnyUser()) {
            directory.createFirstAdmin("admin", "Ada Admin", "a long enough password");
        }
        admin = directory.findByUsername("admin").orElseThrow();
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        nurse = staffFixtures.account("nurse" + suffix, "Nina Nurse", "a long enough password", Role.STAFF);
        practice.change(TestStaff.named("admin"), "Amboy Family Practice", "America/New_York");
        Map<DayOfWeek, LineHours.Span> week = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek day : List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY,
                DayOfWeek.FRIDAY)) {
            week.put(day, new LineHours.Span(LocalTime.of(8, 0), LocalTime.of(17, 0)));
        }
        officeHours.save(TestStaff.named("admin"), new LineHours("sandbox", week, null, null));
        jdbc.sql("delete from line_closed_day").update();
        // Earlier tests' waits are not this test's.
        jdbc.sql("delete from conversation_waiting").update();
        frontDesk = lists.create(TestStaff.named("admin"), "Front Desk " + suffix);
        lists.setMembers(TestStaff.named("admin"), frontDesk.id(), Set.of(admin.id()));
        lists.setDefaultList(TestStaff.named("admin"), "sandbox", frontDesk.id());
        lists.setResponseGoal(TestStaff.named("admin"), new ResponseGoal(frontDesk.id(), Duration.ofMinutes(30), null, null));
    }

    @Test
    void theWaitCountsOnlyOfficeHoursAndPastTheGoalTheSubscribersHearOfItOnce() {
        at(2026, 12, 8, 16, 50); // a Tuesday, ten minutes before closing
        long conversation = patientTexts("My prescription ran out");

        at(2026, 12, 9, 7, 59); // the night does not count
        escalation.run();
        assertThat(row(conversation).waiting().waited()).isEqualTo(Duration.ofMinutes(10));
        at(2026, 12, 9, 8, 19); // 29 minutes of office hours
        escalation.run();
        assertThat(row(conversation).waiting().overdue()).isFalse();
        assertThat(escalatedPopUps(conversation)).isEmpty();

        at(2026, 12, 9, 8, 20); // 30 minutes: the goal
        escalation.run();
        escalation.run(); // a second check (another node's, or the next period) tells nobody again
        at(2026, 12, 9, 9, 0);
        escalation.run();

        assertThat(row(conversation).waiting()).satisfies(wait -> {
            assertThat(wait.escalated()).isTrue();
            assertThat(wait.overdue()).isTrue();
            assertThat(wait.waited()).isEqualTo(Duration.ofMinutes(70));
        });
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(escalatedPopUps(conversation))
                .singleElement().satisfies(popUp -> {
                    assertThat(popUp.staffId()).isEqualTo(admin.id());
                    assertThat(popUp.listId()).isEqualTo(frontDesk.id());
                }));
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4))
                .until(() -> escalatedPopUps(conversation).size() == 1);
        assertThat(audit.newest("CONVERSATION_PAST_RESPONSE_GOAL", PageRequest.of(0, 100)))
                .filteredOn(entry -> entry.targetId().equals(String.valueOf(conversation))).hasSize(1);
    }

    @Test
    void aClosedDayStopsTheWaitAndTheWaitResumesTheNextOpenDay() {
        at(2026, 12, 10, 16, 45); // Thursday
        officeHours.addClosedDay(TestStaff.named("admin"), "sandbox", LocalDate.of(2026, 12, 11), "Staff training");
        long conversation = patientTexts("Can I move my appointment?");

        at(2026, 12, 14, 8, 14); // the Friday closed, the weekend closed: 15 + 14 minutes
        escalation.run();
        assertThat(row(conversation).waiting().waited()).isEqualTo(Duration.ofMinutes(29));
        assertThat(row(conversation).waiting().escalated()).isFalse();
        at(2026, 12, 14, 8, 15);
        escalation.run();
        assertThat(row(conversation).waiting().escalated()).isTrue();
    }

    @Test
    void aStaffReplyEndsTheWaitAndNothingIsEscalated() {
        at(2026, 12, 8, 9, 0);
        long conversation = patientTexts("Is the clinic open on Friday?");
        at(2026, 12, 8, 9, 10);
        replies.reply(admin, conversation, "Yes, from 8 to 5.");
        assertThat(row(conversation).waiting()).as("nobody waits any more").isNull();

        at(2026, 12, 8, 12, 0);
        escalation.run();
        assertThat(escalatedPopUps(conversation)).isEmpty();

        patientTexts("Thanks! And Saturday?"); // a new question: a new wait from now
        at(2026, 12, 8, 12, 20);
        assertThat(row(conversation).waiting().waited()).isEqualTo(Duration.ofMinutes(20));
    }

    @Test
    void closingTheConversationEndsTheWait() {
        at(2026, 12, 8, 10, 0);
        long conversation = patientTexts("Never mind, I called instead");
        assignment.close(admin, conversation);
        at(2026, 12, 8, 11, 0);
        escalation.run();
        assertThat(escalatedPopUps(conversation)).isEmpty();
        assertThat(jdbc.sql("select count(*) from conversation_waiting where conversation_id = ?")
                .param(conversation).query(Long.class).single()).isZero();
    }

    @Test
    void theChosenPersonHearsOfItInsteadOfTheSubscribersAndItMovesToTheEscalationList() {
        InboxListSummary urgent = lists.create(TestStaff.named("admin"), "Urgent " + UUID.randomUUID().toString().substring(0, 6));
        lists.setResponseGoal(TestStaff.named("admin"), new ResponseGoal(frontDesk.id(), Duration.ofMinutes(15), nurse.id(),
                urgent.id()));
        at(2026, 12, 8, 13, 0);
        long conversation = patientTexts("I have a rash after the new medicine");

        at(2026, 12, 8, 13, 15);
        escalation.run();

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(escalatedPopUps(conversation))
                .singleElement().satisfies(popUp -> assertThat(popUp.staffId()).isEqualTo(nurse.id())));
        ConversationRow row = row(conversation);
        assertThat(row.assignment()).isEqualTo(urgent.name());
        assertThat(row.waiting().escalated()).isTrue();
    }

    @Test
    void aResponseGoalOutsideOneMinuteToSevenDaysIsRefusedAndNothingIsStored() {
        for (Duration bad : List.of(Duration.ZERO, Duration.ofSeconds(90), Duration.ofDays(8))) {
            Assertions.assertThatThrownBy(() -> lists.setResponseGoal(TestStaff.named("admin"),
                            new ResponseGoal(frontDesk.id(), bad, null, null)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("between 1 minute and 7 days");
        }
        Assertions.assertThatThrownBy(() -> lists.setResponseGoal(TestStaff.named("admin"),
                        new ResponseGoal(frontDesk.id(), Duration.ofMinutes(5), null, frontDesk.id())))
                .hasMessageContaining("another list");
        assertThat(lists.responseGoal(frontDesk.id()).goal()).isEqualTo(Duration.ofMinutes(30));
    }

    private void at(int year, int month, int day, int hour, int minute) {
        clock.set(ZonedDateTime.of(year, month, day, hour, minute, 0, 0, NEW_YORK).toInstant());
    }

    private long patientTexts(String text) {
        return patientTexts(phone, text);
    }

    private String phone = newPhone();

    private long patientTexts(String from, String text) {
        inbox.patientTexts("sandbox", UUID.randomUUID().toString(), from, text);
        long contact = contacts.findByPhone(from).orElseThrow().id();
        return jdbc.sql("select id from conversation where contact_id = ?").param(contact).query(Long.class).single();
    }

    private ConversationRow row(long conversation) {
        return inboxes.search(admin, new ConversationSearch(null, null, null, null, null, null), 0, 500).stream()
                .filter(r -> r.id() == conversation).findFirst().orElseThrow();
    }

    private List<DesktopNotification> escalatedPopUps(long conversation) {
        return popUps.about(conversation).stream().filter(DesktopNotification::escalated).toList();
    }

    private static String newPhone() {
        return "+1929" + String.format("%07d", Math.abs(UUID.randomUUID().getMostSignificantBits()) % 10_000_000)
                .replaceAll("0000$", "0001");
    }
}
