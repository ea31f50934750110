package org.parley.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.conversation.ScheduledReplies;
import org.parley.inbox.InboxService;
import org.parley.security.StaffDirectory;
import org.parley.security.StaffMember;
import org.parley.simulator.SandboxCarrier;
import org.parley.testsupport.ParleyNodes;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Issue 17: a reply scheduled on a node that is then restarted goes out at its time, once, although two nodes are
 * running when it becomes due; nothing about it lived in a node's memory.
 */
class AScheduledReplyGoesOutOnceAfterARestartIT {

    private static final String PATIENT = "+19292038803";
    private static final Duration AHEAD = Duration.ofSeconds(60);

    @TempDir
    static Path shared;
    static ParleyNodes nodes;

    @BeforeAll
    static void database() {
        nodes = new ParleyNodes(shared, Map.of(
                "parley.plugins.dir", System.getProperty("parley.test.plugins-dir"),
                "parley.outbound.poll-interval", "500ms"));
    }

    @AfterAll
    static void stop() {
        if (nodes != null) {
            nodes.close();
        }
    }

    @Test
    void scheduledOnANodeThatRestartsItGoesOutOnceAtItsTime() {
        ConfigurableApplicationContext a = nodes.start("a", Map.of());
        StaffMember nurse = a.getBean(StaffDirectory.class)
                .createFirstAdmin("nurse", "Nina Nurse", "a long enough password");
        assertThat(a.getBean(SandboxCarrier.class).textPractice("sandbox", PATIENT, "Any news?", null, null, null)
                .accepted()).isTrue();
        long conversation = a.getBean(InboxService.class).openConversations(nurse, 0, 10).get(0).id();
        ScheduledReplies scheduled = a.getBean(ScheduledReplies.class);
        Instant due = Instant.now().plus(AHEAD);
        long id = scheduled.schedule(nurse, conversation, "Your results are normal.", List.of(),
                LocalDateTime.ofInstant(due, scheduled.zone())).id();

        nodes.stop(a);
        ConfigurableApplicationContext again = nodes.start("a", Map.of());
        nodes.start("b", Map.of());

        JdbcClient db = again.getBean(JdbcClient.class);
        await().atMost(AHEAD.plusSeconds(60)).pollInterval(Duration.ofMillis(250)).until(() -> db.sql(
                "select count(*) from sandbox_phone_message where phone_number = ? and direction = 'TO_PHONE'")
                .param(PATIENT).query(Long.class).single() > 0);
        Instant reached = db.sql("select created_at from sandbox_phone_message where phone_number = ? "
                + "and direction = 'TO_PHONE'").param(PATIENT).query((rs, n) -> rs.getTimestamp(1).toInstant()).single();
        assertThat(reached).as("not before its time").isAfterOrEqualTo(due);
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(() -> db.sql(
                "select count(*) from sandbox_phone_message where phone_number = ? and direction = 'TO_PHONE'")
                .param(PATIENT).query(Long.class).single() == 1);
        assertThat(db.sql("select status from message where id = ?").param(id).query(String.class).single())
                .isIn("SENT", "DELIVERED");
        assertThat(db.sql("select count(*) from outbound_task").query(Long.class).single()).isZero();
    }
}
