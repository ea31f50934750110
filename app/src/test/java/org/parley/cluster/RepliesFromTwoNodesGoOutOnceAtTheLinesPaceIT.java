package org.parley.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.conversation.ConversationService;
import org.parley.conversation.Replies;
import org.parley.inbox.InboxService;
import org.parley.line.LineGateway;
import org.parley.security.StaffDirectory;
import org.parley.security.StaffMember;
import org.parley.simulator.SandboxCarrier;
import org.parley.testsupport.ParleyNodes;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Two nodes send the outbound queue together: 200 replies queued on both while both run reach the (sandbox) carrier
 * exactly once each, and the line's pace holds for the two nodes together, not for each.
 */
class RepliesFromTwoNodesGoOutOnceAtTheLinesPaceIT {

    private static final String PATIENT = "+19292035501";
    private static final int PER_SECOND = 20;
    private static final int REPLIES = 200;

    @TempDir
    static Path shared;
    static ParleyNodes nodes;
    static ConfigurableApplicationContext a;
    static ConfigurableApplicationContext b;

    @BeforeAll
    static void startTwoNodes() {
        nodes = new ParleyNodes(shared, Map.of(
                "parley.plugins.dir", System.getProperty("parley.test.plugins-dir"),
                "parley.outbound.poll-interval", "200ms",
                "parley.outbound.messages-per-second-per-line", String.valueOf(PER_SECOND)));
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
    void twoHundredRepliesQueuedOnBothNodesReachTheCarrierOnceEachAtNoMoreThanTheLinesPace() {
        StaffMember staff = a.getBean(StaffDirectory.class)
                .createFirstAdmin("nurse", "Nina Nurse", "a long enough password");
        assertThat(a.getBean(SandboxCarrier.class).textPractice("sandbox", PATIENT, "Any news?", null, null, null)
                .accepted()).isTrue();
        long conversationId = a.getBean(InboxService.class).openConversations(staff, 0, 10).get(0).id();
        Replies onA = a.getBean(Replies.class);
        Replies onB = b.getBean(Replies.class);

        for (int i = 0; i < REPLIES; i++) {
            (i % 2 == 0 ? onA : onB).reply(staff, conversationId, "Reply number " + i);
        }

        JdbcClient db = a.getBean(JdbcClient.class);
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250)).untilAsserted(() ->
                assertThat(db.sql("select count(*) from message where direction = 'OUTBOUND' "
                        + "and status in ('SENT', 'DELIVERED')").query(Long.class).single()).isEqualTo(REPLIES));

        // exactly once each: the carrier holds one message per key, and the two nodes handed over 200 in all
        List<Long> perKey = db.sql("select count(*) from sandbox_phone_message where phone_number = ? "
                + "and direction = 'TO_PHONE' group by idempotency_key").param(PATIENT).query(Long.class).list();
        assertThat(perKey).hasSize(REPLIES).allMatch(n -> n == 1);
        long sendsA = sends(a);
        long sendsB = sends(b);
        System.out.printf("Sends handed to the provider: node a %d, node b %d%n", sendsA, sendsB);
        assertThat(sendsA + sendsB).as("each reply handed to the provider once, by one node").isEqualTo(REPLIES);
        assertThat(sendsA).as("both nodes sent").isPositive();
        assertThat(sendsB).as("both nodes sent").isPositive();

        // at no more than the line's pace, both nodes together
        List<Instant> times = db.sql("select created_at from sandbox_phone_message where phone_number = ? "
                        + "and direction = 'TO_PHONE' order by created_at").param(PATIENT)
                .query((rs, n) -> rs.getTimestamp(1).toInstant()).list();
        Duration span = Duration.between(times.get(0), times.get(times.size() - 1));
        System.out.printf("%d replies reached the carrier in %d ms (pace %d/s: at least %d ms)%n", REPLIES,
                span.toMillis(), PER_SECOND, (REPLIES - 1) * 1000L / PER_SECOND);
        assertThat(span).as("200 messages at 20 a second take about 10 s")
                .isGreaterThanOrEqualTo(Duration.ofMillis((REPLIES - 1) * 1000L / PER_SECOND - 300));
        int mostInOneSecond = 0;
        for (int first = 0, last = 0; first < times.size(); first++) {
            while (last < times.size() && times.get(last).isBefore(times.get(first).plusSeconds(1))) {
                last++;
            }
            mostInOneSecond = Math.max(mostInOneSecond, last - first);
        }
        System.out.printf("Most messages in any one second: %d%n", mostInOneSecond);
        // The slots are 50 ms apart; the carrier sees each a little late (HTTP, and a busy CI machine can hold one back
        // a few hundred ms, bunching it with the next), so a second may hold a few more than the pace. Two nodes each
        // keeping their own pace would put twice the pace in a second.
        assertThat(mostInOneSecond).isLessThanOrEqualTo(PER_SECOND * 5 / 4);
        assertThat(db.sql("select count(*) from outbound_task").query(Long.class).single()).isZero();
    }

    private static long sends(ConfigurableApplicationContext node) {
        return node.getBean(MeterRegistry.class).find(LineGateway.SEND_METER).timers().stream()
                .mapToLong(Timer::count).sum();
    }
}
