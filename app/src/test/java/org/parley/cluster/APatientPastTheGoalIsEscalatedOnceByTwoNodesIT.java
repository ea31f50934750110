package org.parley.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.base.RecurringJob;
import org.parley.lists.InboxListSummary;
import org.parley.lists.ListService;
import org.parley.lists.ResponseGoal;
import org.parley.notify.NotifyFixtures;
import org.parley.security.StaffDirectory;
import org.parley.security.StaffMember;
import org.parley.simulator.SandboxCarrier;
import org.parley.testsupport.ActingAs;
import org.parley.testsupport.ParleyNodes;
import org.parley.testsupport.TestStaff;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.context.SecurityContextHolderStrategy;

/**
 * Issue 17: patients waiting past their list's response goal are escalated once each although two nodes of one
 * PostgreSQL check at the same moment, again and again (and the cluster's own schedule checks every second too): the
 * conditional update of {@code escalated_at} decides, so each escalation queues one notification task, which is
 * delivered.
 */
class APatientPastTheGoalIsEscalatedOnceByTwoNodesIT {

    private static final int PATIENTS = 6;
    private static final int ROUNDS = 4;

    @TempDir
    static Path shared;
    static ParleyNodes nodes;
    static ConfigurableApplicationContext a;
    static ConfigurableApplicationContext b;

    @BeforeAll
    static void startTwoNodes() {
        nodes = new ParleyNodes(shared, Map.of(
                "parley.plugins.dir", System.getProperty("parley.test.plugins-dir"),
                "parley.escalation.check-interval", "1s"));
        a = nodes.start("a", Map.of());
        b = nodes.start("b", Map.of());
    }

    @AfterAll
    static void stop() {
        if (nodes != null) {
            nodes.close();
        }
    }

    @Test
    void eachPatientPastTheGoalIsNotifiedOnceWhileBothNodesCheckTogether() throws Exception {
        StaffMember admin = a.getBean(StaffDirectory.class).createFirstAdmin("admin", "Ada Admin",
                "a long enough password");
        InboxListSummary frontDesk = ActingAs.call(a.getBean(SecurityContextHolderStrategy.class), "admin", "ADMIN",
                () -> {
                    ListService lists = a.getBean(ListService.class);
                    InboxListSummary list = lists.create(TestStaff.named("admin"), "Front Desk");
                    lists.setMembers(TestStaff.named("admin"), list.id(), Set.of(admin.id()));
                    lists.setDefaultList(TestStaff.named("admin"), "sandbox", list.id());
                    lists.setResponseGoal(TestStaff.named("admin"), new ResponseGoal(list.id(), Duration.ofMinutes(1), null, null));
                    return list;
                });
        // Held back, so that every task an escalation queued can be counted before it is delivered.
        for (ConfigurableApplicationContext node : List.of(a, b)) {
            node.getBean(NotifyFixtures.class).stopNotificationWorker();
        }
        List<String> patients = new ArrayList<>();
        for (int i = 0; i < PATIENTS; i++) {
            String patient = "+1929204" + String.format("%04d", 7700 + i);
            patients.add(patient);
            ConfigurableApplicationContext node = i % 2 == 0 ? a : b;
            assertThat(node.getBean(SandboxCarrier.class).textPractice("sandbox", patient, "Hello?", null, null,
                    null).accepted()).isTrue();
        }
        JdbcClient db = a.getBean(JdbcClient.class);
        assertThat(db.sql("select count(*) from conversation_waiting").query(Long.class).single())
                .isEqualTo(PATIENTS);
        // The line has no office hours (always open): two minutes of waiting are past the goal of one.
        db.sql("update conversation_waiting set waiting_since = ?")
                .param(Timestamp.from(Instant.now().minus(Duration.ofMinutes(2)))).update();

        RecurringJob onA = (RecurringJob) a.getBean("unansweredEscalation");
        RecurringJob onB = (RecurringJob) b.getBean("unansweredEscalation");
        for (int round = 0; round < ROUNDS; round++) {
            CyclicBarrier together = new CyclicBarrier(2);
            CompletableFuture.allOf(CompletableFuture.runAsync(() -> check(onA, together)),
                    CompletableFuture.runAsync(() -> check(onB, together))).get();
        }
        Thread.sleep(2500); // and the cluster's schedule has had its turns

        List<Long> escalated = db.sql("select conversation_id from notification_task where kind = 'ESCALATION' "
                + "order by conversation_id").query(Long.class).list();
        assertThat(escalated).as("one task per patient").hasSize(PATIENTS).doesNotHaveDuplicates();
        assertThat(db.sql("select count(*) from conversation_waiting where escalated_at is not null")
                .query(Long.class).single()).isEqualTo(PATIENTS);
        assertThat(db.sql("select count(*) from audit_event where action = 'CONVERSATION_PAST_RESPONSE_GOAL'")
                .query(Long.class).single()).isEqualTo(PATIENTS);
        assertThat(db.sql("select distinct list_id from notification_task where kind = 'ESCALATION'")
                .query(Long.class).list()).containsExactly(frontDesk.id());

        for (ConfigurableApplicationContext node : List.of(a, b)) {
            node.getBean(NotifyFixtures.class).startNotificationWorker();
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> db.sql(
                "select count(*) from notification_task where kind = 'ESCALATION'").query(Long.class).single() == 0);
    }

    private static void check(RecurringJob job, CyclicBarrier together) {
        try {
            together.await();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        job.run();
    }
}
