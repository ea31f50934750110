package org.parley.hours;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Timestamp;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.parley.compliance.ConsentService;
import org.parley.conversation.ConversationService;
import org.parley.conversation.Direction;
import org.parley.conversation.MessageView;
import org.parley.inbox.InboxFixtures;
import org.parley.inbox.InboxService;
import org.parley.patient.ContactService;
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
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.test.context.support.WithMockUser;

/**
 * Issue 17: a patient who writes outside the line's office hours gets the line's after-hours reply, once per period,
 * judged by the practice's clocks (closed days, summer time), never in answer to STOP/START/HELP and never to a number
 * that may not be texted. The clock is the test's.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:afterhours;DB_CLOSE_DELAY=-1",
        "parley.plugins.dir=${parley.test.plugins-dir}",
        "parley.outbound.poll-interval=200ms",
        "parley.outbound.messages-per-second-per-line=50",
        "parley.hours.after-hours-reply-period=15m"})
@Import(MutableClock.Config.class)
@WithMockUser(username = "admin", roles = "ADMIN")
class AfterHoursReplyIT {

    static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    static final String REPLY = "We are closed; we answer from 8 am. If this is an emergency, call 911.";
    static final String CLOSED_DAY = "We are closed for the holiday. If this is an emergency, call 911.";

    @Autowired
    MutableClock clock;
    @Autowired
    OfficeHours officeHours;
    @Autowired
    PracticeProfiles practice;
    @Autowired
    InboxFixtures inbox;
    @Autowired
    InboxService inboxes;
    @Autowired
    ConversationService conversations;
    @Autowired
    StaffDirectory directory;
    @Autowired
    SandboxCarrier carrier;
    @Autowired
    ContactService contacts;
    @Autowired
    ConsentService consent;
    @Autowired
    JdbcTemplate jdbc;

    StaffMember admin;

    @BeforeEach
    void theSandboxLineIsOpenWeekdaysEightToFiveInNewYork() {
        if (!directory.hasAnyUser()) {
            directory.createFirstAdmin("admin", "Ada Admin", "a long enough password");
        }
        admin = directory.findByUsername("admin").orElseThrow();
        practice.change(TestStaff.named("admin"), "Amboy Family Practice", "America/New_York");
        Map<DayOfWeek, LineHours.Span> week = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek day : List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY,
                DayOfWeek.FRIDAY)) {
            week.put(day, new LineHours.Span(LocalTime.of(8, 0), LocalTime.of(17, 0)));
        }
        officeHours.save(TestStaff.named("admin"), new LineHours("sandbox", week, REPLY, CLOSED_DAY));
        jdbc.update("delete from line_closed_day");
    }

    private void at(int year, int month, int day, int hour, int minute) {
        clock.set(ZonedDateTime.of(year, month, day, hour, minute, 0, 0, NEW_YORK).toInstant());
    }

    private static String newPhone() {
        return "+1929" + String.format("%07d", Math.abs(UUID.randomUUID().getMostSignificantBits()) % 10_000_000)
                .replaceAll("0000$", "0001");
    }

    private void texts(String phone, String text) {
        inbox.patientTexts("sandbox", UUID.randomUUID().toString(), phone, text);
    }

    private List<MessageView> sentTo(String phone) {
        long conversation = inboxes.openConversations(admin, 0, 500).stream()
                .filter(row -> row.contactName().replaceAll("[^0-9]", "").equals(phone.substring(2)))
                .findFirst().orElseThrow().id();
        return conversations.thread(conversation, 0, 100).stream()
                .filter(m -> m.direction() == Direction.OUTBOUND).toList();
    }

    private List<PhoneEntry> received(String phone) {
        return carrier.phone(phone, 50).stream().filter(entry -> !entry.fromPhone()).toList();
    }

    @Test
    void aTextAtNightGetsTheRepliesOnceAPeriodAsAnAutomaticMessageThatReachesThePhone() {
        at(2026, 12, 8, 20, 0); // a Tuesday evening
        // Other tests moved the clock ahead of this one: the line's pace must not wait for their future.
        jdbc.update("update line_pace set next_free_at = ?", Timestamp.from(clock.instant()));
        String phone = newPhone();
        texts(phone, "Can I get a refill?");
        clock.advance(Duration.ofMinutes(5));
        texts(phone, "It's for my inhaler");

        assertThat(sentTo(phone)).singleElement().satisfies(reply -> {
            assertThat(reply.body()).isEqualTo(REPLY);
            assertThat(reply.authorName()).isNull(); // the thread shows it as Parley's automatic reply
        });
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(received(phone)).singleElement()
                .satisfies(entry -> assertThat(entry.body()).isEqualTo(REPLY)));

        clock.advance(Duration.ofMinutes(10)); // 15 minutes after the first reply: a new period
        texts(phone, "Hello?");
        assertThat(sentTo(phone)).hasSize(2);
    }

    @Test
    void duringOfficeHoursNothingIsAnsweredAutomatically() {
        at(2026, 12, 8, 8, 0); // Tuesday, the minute the office opens
        String phone = newPhone();
        texts(phone, "Good morning");
        at(2026, 12, 8, 16, 59);
        texts(phone, "Still there?");

        assertThat(sentTo(phone)).isEmpty();

        at(2026, 12, 8, 17, 0); // closing time: closed
        texts(phone, "Hello?");
        assertThat(sentTo(phone)).extracting(MessageView::body).containsExactly(REPLY);
    }

    @Test
    void aNamedClosedDayIsClosedAllDayAndGetsTheClosedDayText() {
        at(2026, 11, 20, 9, 0);
        officeHours.addClosedDay(TestStaff.named("admin"), "sandbox", LocalDate.of(2026, 11, 26), "Thanksgiving");
        at(2026, 11, 26, 10, 30); // a Thursday, inside the weekly hours
        String phone = newPhone();
        texts(phone, "Are you open today?");

        assertThat(officeHours.at("sandbox", clock.instant()).closedDayName()).isEqualTo("Thanksgiving");
        assertThat(sentTo(phone)).extracting(MessageView::body).containsExactly(CLOSED_DAY);
    }

    @Test
    void theWeekendIsClosed() {
        at(2026, 12, 12, 11, 0); // a Saturday
        String phone = newPhone();
        texts(phone, "Hi");
        assertThat(sentTo(phone)).extracting(MessageView::body).containsExactly(REPLY);
    }

    @Test
    void openingTimeFollowsThePracticesClocksAcrossTheChangeToSummerTime() {
        // 12:30 UTC is 7:30 am in New York on Friday 6 March 2026 (EST) and 8:30 am on Monday 9 March (EDT).
        clock.set(Instant.parse("2026-03-06T12:30:00Z"));
        String early = newPhone();
        texts(early, "Before opening");
        assertThat(sentTo(early)).extracting(MessageView::body).containsExactly(REPLY);

        clock.set(Instant.parse("2026-03-09T12:30:00Z"));
        String open = newPhone();
        texts(open, "After opening");
        assertThat(sentTo(open)).isEmpty();

        clock.set(Instant.parse("2026-03-09T11:59:00Z")); // 7:59 am EDT
        String justBefore = newPhone();
        texts(justBefore, "Just before opening");
        assertThat(sentTo(justBefore)).extracting(MessageView::body).containsExactly(REPLY);
    }

    @Test
    void stopStartAndHelpGetOnlyTheirOwnAnswers() {
        at(2026, 12, 8, 22, 0);
        String phone = newPhone();
        texts(phone, "STOP");
        texts(phone, "HELP");
        texts(phone, "START");

        assertThat(sentTo(phone)).extracting(MessageView::body).noneMatch(REPLY::equals).hasSize(3);
    }

    @Test
    void optedOutDoNotTextAndLandlineNumbersGetNoReply() {
        at(2026, 12, 8, 22, 0);
        String optedOut = newPhone();
        texts(optedOut, "STOP");
        clock.advance(Duration.ofMinutes(1));
        texts(optedOut, "actually, one question");
        assertThat(sentTo(optedOut)).extracting(MessageView::body).noneMatch(REPLY::equals);

        String doNotText = newPhone();
        long contact = contacts.findOrCreateByPhone(doNotText).id();
        contacts.markDoNotText("admin", contact, "asked by phone");
        texts(doNotText, "Hello");
        assertThat(sentTo(doNotText)).isEmpty();

        String landline = newPhone();
        jdbc.update("insert into phone_line_type (phone_number, line_type, checked_at) values (?, 'LANDLINE', ?)",
                landline, Timestamp.from(clock.instant()));
        texts(landline, "Hello");
        assertThat(sentTo(landline)).isEmpty();
    }

    @Test
    void twoTextsArrivingTogetherGetOneReply() throws Exception {
        at(2026, 12, 8, 23, 0);
        String phone = newPhone();
        texts(phone, "first");
        assertThat(sentTo(phone)).hasSize(1);

        // Each round starts a fresh period, and two texts arrive at the same moment.
        clock.advance(Duration.ofMinutes(20));
        for (int round = 0; round < 5; round++) {
            CyclicBarrier together = new CyclicBarrier(2);
            List<CompletableFuture<Void>> both = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                both.add(CompletableFuture.runAsync(() -> {
                    try {
                        together.await();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                    texts(phone, "at once");
                }));
            }
            CompletableFuture.allOf(both.toArray(CompletableFuture[]::new)).get();
            assertThat(sentTo(phone)).hasSize(2 + round);
            clock.advance(Duration.ofMinutes(16));
        }
    }
}
