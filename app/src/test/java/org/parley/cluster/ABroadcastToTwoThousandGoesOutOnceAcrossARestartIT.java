package org.parley.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.broadcast.AudienceChoice;
import org.parley.broadcast.BroadcastPlan;
import org.parley.broadcast.BroadcastProgress;
import org.parley.broadcast.BroadcastState;
import org.parley.broadcast.Broadcasts;
import org.parley.broadcast.SkipKind;
import org.parley.patient.ContactService;
import org.parley.patient.ImportReport;
import org.parley.patient.PatientAudiences;
import org.parley.patient.PatientImport;
import org.parley.practice.PracticeProfiles;
import org.parley.security.StaffDirectory;
import org.parley.security.StaffMember;
import org.parley.testsupport.ActingAs;
import org.parley.testsupport.ParleyNodes;
import org.parley.testsupport.TestStaff;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.context.SecurityContextHolderStrategy;

/**
 * Issue 17: a broadcast to 2,000 patients imported from a CSV goes out at the line's pace; the node sending it is
 * restarted half-way and a second node joins; every patient who may be texted gets it exactly once, nobody is lost, and
 * the 50 who may not (no cell number, DO NOT TEXT) are counted as skipped with why. Nothing about it lived in a node's
 * memory. The practice's zone is one where it is daytime now, so quiet hours let everything through.
 */
class ABroadcastToTwoThousandGoesOutOnceAcrossARestartIT {

    private static final int PATIENTS = 2000;
    private static final int WITHOUT_CELL = 30;
    private static final int DO_NOT_TEXT = 20;
    private static final int PER_SECOND = 100;

    @TempDir
    static Path shared;
    static ParleyNodes nodes;

    @BeforeAll
    static void database() {
        nodes = new ParleyNodes(shared, Map.of(
                "parley.plugins.dir", System.getProperty("parley.test.plugins-dir"),
                "parley.outbound.poll-interval", "300ms",
                "parley.outbound.messages-per-second-per-line", String.valueOf(PER_SECOND),
                "parley.broadcast.poll-interval", "200ms",
                "parley.broadcast.window", "50"));
    }

    @AfterAll
    static void stop() {
        if (nodes != null) {
            nodes.close();
        }
    }

    /** A zone where it is between 10 am and 5 pm now, so the whole run is within quiet hours. */
    private static ZoneId daytimeZone() {
        for (String zone : List.of("Pacific/Honolulu", "America/Los_Angeles", "America/New_York", "Europe/London",
                "Europe/Berlin", "Asia/Kolkata", "Asia/Tokyo", "Australia/Sydney")) {
            int hour = Instant.now().atZone(ZoneId.of(zone)).getHour();
            if (hour >= 10 && hour < 17) {
                return ZoneId.of(zone);
            }
        }
        throw new IllegalStateException("no daytime zone in the list");
    }

    private static String phone(int i) {
        return String.format("929%07d", 3_000_000 + i); // never ends in 0000 for i <= 2000
    }

    @Test
    void everyPatientWhoMayBeTextedGetsItOnceAndTheSkippedAreCounted() {
        ConfigurableApplicationContext a = nodes.start("a", Map.of());
        StaffMember admin = a.getBean(StaffDirectory.class)
                .createFirstAdmin("admin", "Ada Admin", "a long enough password");
        ZoneId zone = daytimeZone();
        ActingAs.run(a.getBean(SecurityContextHolderStrategy.class), "admin", "ADMIN",
                () -> a.getBean(PracticeProfiles.class).change(TestStaff.named("admin"), "Lakeside Clinic", zone.getId()));
        StringBuilder csv = new StringBuilder("first name,last name,date of birth,cell phone,time zone\n");
        for (int i = 1; i <= PATIENTS; i++) {
            csv.append("Pat").append(i).append(",Many,1975-05-05,").append(i <= WITHOUT_CELL ? "" : phone(i))
                    .append(',').append(i % 2 == 0 ? zone.getId() : "").append('\n');
        }
        ImportReport imported = a.getBean(PatientImport.class).importCsv("admin",
                csv.toString().getBytes(StandardCharsets.UTF_8), (done, total) -> { });
        assertThat(imported.imported()).isEqualTo(PATIENTS);
        ContactService contacts = a.getBean(ContactService.class);
        List<String> marked = new ArrayList<>();
        for (int i = WITHOUT_CELL + 1; i <= WITHOUT_CELL + DO_NOT_TEXT; i++) {
            marked.add("+1" + phone(i));
        }
        for (long id : a.getBean(PatientAudiences.class).patientIdsByMrnOrNumber(List.of(), marked)) {
            contacts.markDoNotText("admin", id, "asked at the desk");
        }

        Broadcasts broadcasts = a.getBean(Broadcasts.class);
        BroadcastPlan plan = broadcasts.prepare(admin, "Flu shots", "sandbox", "Hi {patient.firstName}, flu shots "
                + "are in.", new AudienceChoice.BornBetween(LocalDate.of(1975, 1, 1), LocalDate.of(1975, 12, 31)));
        int sendable = PATIENTS - WITHOUT_CELL - DO_NOT_TEXT;
        assertThat(plan.toSend()).isEqualTo(sendable);
        assertThat(plan.skipped()).containsExactlyInAnyOrderEntriesOf(Map.of(SkipKind.NO_CELL, (long) WITHOUT_CELL,
                SkipKind.DO_NOT_TEXT, (long) DO_NOT_TEXT));
        broadcasts.start(admin, plan.broadcastId());

        JdbcClient db = a.getBean(JdbcClient.class);
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(100)).until(() -> texted(db) >= 400);
        nodes.stop(a);
        long beforeRestart = texted(nodes.start("b", Map.of()).getBean(JdbcClient.class));
        assertThat(beforeRestart).as("half-way when the node stopped").isLessThan(sendable);
        ConfigurableApplicationContext again = nodes.start("a", Map.of());

        JdbcClient after = again.getBean(JdbcClient.class);
        await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofMillis(500)).until(() -> texted(after) >= sendable);
        Broadcasts onA = again.getBean(Broadcasts.class);
        await().atMost(Duration.ofSeconds(30)).until(() -> onA.progress(plan.broadcastId()).state()
                == BroadcastState.DONE);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10)).until(() -> texted(after) == sendable);

        assertThat(after.sql("select count(*) from (select phone_number from sandbox_phone_message where direction = "
                + "'TO_PHONE' group by phone_number having count(*) > 1) twice").query(Long.class).single())
                .as("nobody got it twice").isZero();
        assertThat(after.sql("select count(distinct phone_number) from sandbox_phone_message where direction = "
                + "'TO_PHONE'").query(Long.class).single()).as("nobody lost").isEqualTo(sendable);
        assertThat(after.sql("select count(distinct message_id) from broadcast_recipient where state = 'QUEUED'")
                .query(Long.class).single()).isEqualTo(sendable);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            BroadcastProgress progress = onA.progress(plan.broadcastId());
            assertThat(progress.total()).isEqualTo(PATIENTS);
            assertThat(progress.sent() + progress.delivered()).isEqualTo(sendable);
            assertThat(progress.failed()).isZero();
            assertThat(progress.waiting()).isZero();
            assertThat(progress.skipped()).containsExactlyInAnyOrderEntriesOf(Map.of(
                    SkipKind.NO_CELL, (long) WITHOUT_CELL, SkipKind.DO_NOT_TEXT, (long) DO_NOT_TEXT));
        });

        // the line's pace held across both nodes: never more than its rate in any one second (a little slack for
        // the carrier's own clock)
        List<Instant> times = after.sql("select created_at from sandbox_phone_message where direction = 'TO_PHONE' "
                + "order by created_at").query((rs, n) -> rs.getTimestamp(1).toInstant()).list();
        int most = 0;
        for (int first = 0, last = 0; last < times.size(); last++) {
            while (Duration.between(times.get(first), times.get(last)).toMillis() >= 1000) {
                first++;
            }
            most = Math.max(most, last - first + 1);
        }
        assertThat(most).isLessThanOrEqualTo(PER_SECOND + PER_SECOND / 5);
    }

    private static long texted(JdbcClient db) {
        return db.sql("select count(*) from sandbox_phone_message where direction = 'TO_PHONE'").query(Long.class)
                .single();
    }
}
