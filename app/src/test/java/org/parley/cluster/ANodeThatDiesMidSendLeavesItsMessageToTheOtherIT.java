package org.parley.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.base.NodeId;
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
 * A node that dies mid-send: its carrier took the message, the node never learnt it and never records anything (its
 * send hangs: the carrier answers after a minute, as if the node had died right after handing the message over). Its
 * lease runs out, the other node takes the message over, asks the provider, finds it there and records it as sent
 * without sending it again; the replies queued meanwhile go out through the other node. None lost, none twice.
 */
class ANodeThatDiesMidSendLeavesItsMessageToTheOtherIT {

    private static final String PATIENT = "+19292035502";
    private static final Duration LEASE = Duration.ofSeconds(3);
    private static final Duration POLL = Duration.ofMillis(200);

    @TempDir
    static Path shared;
    static ParleyNodes nodes;
    static ConfigurableApplicationContext a;
    static ConfigurableApplicationContext b;

    @BeforeAll
    static void startTwoNodes() {
        nodes = new ParleyNodes(shared, Map.of(
                "parley.plugins.dir", System.getProperty("parley.test.plugins-dir"),
                "parley.outbound.poll-interval", POLL.toMillis() + "ms",
                "parley.outbound.lease", LEASE.toSeconds() + "s",
                "parley.outbound.first-retry", "200ms",
                "parley.outbound.max-retry-delay", "1s",
                "parley.outbound.messages-per-second-per-line", "20"));
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
    void theOtherNodeFinishesTheMessageInFlightAfterTheLeaseRunsOutWithoutSendingItTwice() {
        StaffMember staff = a.getBean(StaffDirectory.class)
                .createFirstAdmin("nurse", "Nina Nurse", "a long enough password");
        assertThat(a.getBean(SandboxCarrier.class).textPractice("sandbox", PATIENT, "Any news?", null, null, null)
                .accepted()).isTrue();
        long conversationId = a.getBean(InboxService.class).openConversations(staff, 0, 10).get(0).id();
        JdbcClient db = a.getBean(JdbcClient.class);
        // Whichever node claims the first reply dies with it: both carriers take messages but answer only after a
        // minute, until we know which node holds it.
        a.getBean(SandboxCarrier.class).setAnswerDelay(Duration.ofMinutes(1));
        b.getBean(SandboxCarrier.class).setAnswerDelay(Duration.ofMinutes(1));

        long inFlight = a.getBean(Replies.class).reply(staff, conversationId, "Your referral is ready.")
                .id();

        String key = db.sql("select message_key from message where id = ?").param(inFlight).query(String.class)
                .single();
        Instant handedOver = await().atMost(Duration.ofSeconds(20)).until(() -> db.sql(
                        "select created_at from sandbox_phone_message where idempotency_key = ?").param(key)
                .query((rs, n) -> rs.getTimestamp(1).toInstant()).optional(), Optional::isPresent).orElseThrow();
        String dying = db.sql("select lease_owner from outbound_task where id = ?").param(inFlight)
                .query(String.class).single();
        ConfigurableApplicationContext dead = dying.equals(a.getBean(NodeId.class).value()) ? a : b;
        ConfigurableApplicationContext survivor = dead == a ? b : a;
        survivor.getBean(SandboxCarrier.class).setAnswerDelay(Duration.ZERO);
        assertThat(db.sql("select status from message where id = ?").param(inFlight).query(String.class).single())
                .isEqualTo("SENDING");

        // Replies queued after the death, on the dead node's side too: the survivor sends them.
        for (int i = 0; i < 5; i++) {
            (i % 2 == 0 ? dead : survivor).getBean(Replies.class)
                    .reply(staff, conversationId, "Follow-up " + i);
        }

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).untilAsserted(() ->
                assertThat(db.sql("select status from message where id = ?").param(inFlight).query(String.class)
                        .single()).isIn("SENT", "DELIVERED"));
        Instant recorded = db.sql("select updated_at from message where id = ?").param(inFlight)
                .query((rs, n) -> rs.getTimestamp(1).toInstant()).single();
        System.out.printf("Node died at hand-over; the other node recorded the message %d ms later "
                        + "(lease %d ms + poll up to %d ms + the provider lookup)%n",
                Duration.between(handedOver, recorded).toMillis(), LEASE.toMillis(), POLL.toMillis());
        assertThat(Duration.between(handedOver, recorded)).as("not before the lease ran out")
                .isGreaterThanOrEqualTo(LEASE.minusMillis(100));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(db.sql("select count(*) from message where direction = 'OUTBOUND' "
                        + "and status in ('SENT', 'DELIVERED')").query(Long.class).single()).isEqualTo(6));
        assertThat(db.sql("select provider_message_id from message where id = ?").param(inFlight)
                .query(String.class).single())
                .as("the id the carrier gave the message the dead node handed over")
                .isEqualTo(db.sql("select carrier_message_id from sandbox_phone_message where idempotency_key = ?")
                        .param(key).query(String.class).single());
        assertThat(db.sql("select count(*) from sandbox_phone_message where phone_number = ? "
                + "and direction = 'TO_PHONE'").param(PATIENT).query(Long.class).single()).isEqualTo(6);
        assertThat(sends(survivor)).as("the survivor sent the five follow-ups and only looked the first one up")
                .isEqualTo(5);
        assertThat(db.sql("select count(*) from outbound_task").query(Long.class).single()).isZero();
    }

    private static long sends(ConfigurableApplicationContext node) {
        return node.getBean(MeterRegistry.class).find(LineGateway.SEND_METER).timers().stream()
                .mapToLong(Timer::count).sum();
    }
}
