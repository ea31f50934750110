package org.parley.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.ParleyApplication;
import org.parley.base.LeasedQueue;
import org.parley.conversation.ConversationService;
import org.parley.conversation.Direction;
import org.parley.conversation.MessageStatus;
import org.parley.conversation.MessageView;
import org.parley.conversation.Replies;
import org.parley.inbox.InboxService;
import org.parley.security.StaffDirectory;
import org.parley.security.StaffMember;
import org.parley.simulator.SandboxCarrier;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Outbound messages survive the app stopping: stored before sending, retried while the provider is down,
 * sent after a restart, and never twice.
 */
class DurableOutboundIT {

    private static final String PATIENT = "+19292035555";

    @TempDir
    Path data;

    private ConfigurableApplicationContext start() {
        // Command-line arguments: they win over application.properties, so the test never touches ./data.
        return new SpringApplicationBuilder(ParleyApplication.class).run(
                "--server.port=0",
                "--spring.datasource.url=jdbc:h2:file:" + data.resolve("parley") + ";DB_CLOSE_ON_EXIT=FALSE",
                "--parley.plugins.dir=" + System.getProperty("parley.test.plugins-dir"),
                "--parley.outbound.poll-interval=200ms",
                "--parley.outbound.first-retry=200ms",
                "--parley.outbound.max-retry-delay=1s");
    }

    private static MessageView onlyReply(ConversationService conversations, long conversationId) {
        List<MessageView> outbound = conversations.thread(conversationId, 0, 50).stream()
                .filter(m -> m.direction() == Direction.OUTBOUND).toList();
        assertThat(outbound).hasSize(1);
        return outbound.get(0);
    }

    private static long conversationAfterPatientTexts(ConfigurableApplicationContext app, StaffMember staff,
                                                      String phone) {
        SandboxCarrier carrier = app.getBean(SandboxCarrier.class);
        assertThat(carrier.textPractice("sandbox", phone, "Is my referral ready?", null, null, null).accepted())
                .isTrue();
        return app.getBean(InboxService.class).openConversations(staff, 0, 10).get(0).id();
    }

    @Test
    void aReplyQueuedWhileTheProviderIsDownIsSentOnceAfterARestart() {
        long conversationId;
        long messageId;
        try (ConfigurableApplicationContext first = start()) {
            StaffMember staff = first.getBean(StaffDirectory.class)
                    .createFirstAdmin("nurse", "Nina Nurse", "a long enough password");
            conversationId = conversationAfterPatientTexts(first, staff, PATIENT);
            first.getBean(SandboxCarrier.class).setOutage(true);
            ConversationService conversations = first.getBean(ConversationService.class);

            messageId = first.getBean(Replies.class).reply(staff, conversationId, "Yes, you can pick it up today.").id();

            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                MessageView reply = onlyReply(conversations, conversationId);
                assertThat(reply.status()).isEqualTo(MessageStatus.QUEUED);
                assertThat(reply.statusReason()).isEqualTo("the sandbox carrier is down");
            });
            assertThat(first.getBean(SandboxCarrier.class).receivedCount(PATIENT)).isZero();
        }

        try (ConfigurableApplicationContext second = start()) {
            ConversationService conversations = second.getBean(ConversationService.class);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(onlyReply(conversations, conversationId).status()).isEqualTo(MessageStatus.DELIVERED));
            assertThat(onlyReply(conversations, conversationId).id()).isEqualTo(messageId);
            assertThat(second.getBean(SandboxCarrier.class).receivedCount(PATIENT)).isEqualTo(1);
        }
    }

    @Test
    void aMessageInFlightWhenTheAppStoppedIsNotSentTwice() {
        long conversationId;
        try (ConfigurableApplicationContext first = start()) {
            StaffMember staff = first.getBean(StaffDirectory.class)
                    .createFirstAdmin("nurse", "Nina Nurse", "a long enough password");
            conversationId = conversationAfterPatientTexts(first, staff, PATIENT);
            ConversationService conversations = first.getBean(ConversationService.class);
            first.getBean(Replies.class).reply(staff, conversationId, "Your referral is ready.");
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                    assertThat(onlyReply(conversations, conversationId).status()).isEqualTo(MessageStatus.DELIVERED));
            // The app stops after the provider took the message but before it recorded that: the message is still
            // SENDING, its task still leased by the node that died, the lease run out.
            JdbcTemplate jdbc = first.getBean(JdbcTemplate.class);
            jdbc.update("update message set status = 'SENDING', provider_message_id = null "
                    + "where direction = 'OUTBOUND'");
            jdbc.update("insert into outbound_task (id, line_id, attempts, next_attempt_at, lease_owner, lease_until) "
                    + "select id, line_id, 1, ?, 'node-that-died', ? from message where direction = 'OUTBOUND'",
                    Timestamp.from(Instant.now().minusSeconds(60)),
                    Timestamp.from(Instant.now().minusSeconds(1)));
        }

        try (ConfigurableApplicationContext second = start()) {
            ConversationService conversations = second.getBean(ConversationService.class);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(onlyReply(conversations, conversationId).status())
                            .isIn(MessageStatus.SENT, MessageStatus.DELIVERED));
            assertThat(second.getBean(SandboxCarrier.class).receivedCount(PATIENT)).isEqualTo(1);
        }
    }

    /** As if another node were sending the reply right now: SENDING, its task leased by that node until {@code until}. */
    private static void anotherNodeIsSending(JdbcTemplate jdbc, Instant until) {
        jdbc.update("update message set status = 'SENDING', provider_message_id = null where direction = 'OUTBOUND'");
        jdbc.update("insert into outbound_task (id, line_id, attempts, next_attempt_at, lease_owner, lease_until) "
                        + "select id, line_id, 1, ?, 'node-other', ? from message where direction = 'OUTBOUND'",
                Timestamp.from(Instant.now().minusSeconds(1)), Timestamp.from(until));
    }

    @Test
    void aReplyAnotherNodeIsSendingIsLeftAloneWhileItsLeaseHoldsThenFoundAtTheProviderNotSentAgain() {
        try (ConfigurableApplicationContext app = start()) {
            StaffMember staff = app.getBean(StaffDirectory.class)
                    .createFirstAdmin("nurse", "Nina Nurse", "a long enough password");
            long conversationId = conversationAfterPatientTexts(app, staff, PATIENT);
            ConversationService conversations = app.getBean(ConversationService.class);
            app.getBean(Replies.class).reply(staff, conversationId, "Your referral is ready.");
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                    assertThat(onlyReply(conversations, conversationId).status()).isEqualTo(MessageStatus.DELIVERED));
            JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
            anotherNodeIsSending(jdbc, Instant.now().plusSeconds(3));

            // polls every 200 ms: for 2 s the other node's lease is respected
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3)).untilAsserted(() -> {
                assertThat(onlyReply(conversations, conversationId).status()).isEqualTo(MessageStatus.SENDING);
                assertThat(jdbc.queryForObject("select lease_owner from outbound_task", String.class))
                        .isEqualTo("node-other");
            });

            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThat(onlyReply(conversations, conversationId).status()).isEqualTo(MessageStatus.SENT));
            assertThat(jdbc.queryForObject("select count(*) from outbound_task", Long.class)).isZero();
            assertThat(app.getBean(SandboxCarrier.class).receivedCount(PATIENT)).isEqualTo(1);
            LeasedQueue otherNode = new LeasedQueue(
                    app.getBean(JdbcClient.class),
                    app.getBean(TransactionTemplate.class), "outbound_task",
                    "node-other", Clock.systemUTC(), Duration.ofMinutes(2));
            assertThat(otherNode.finish(new LeasedQueue.Lease(onlyReply(conversations,
                    conversationId).id(), 1))).as("the other node, back after its lease, records nothing").isFalse();
        }
    }

    @Test
    void aReplyWhoseOutcomeNobodyCanTellIsLeftForStaffNotSentAgain() {
        try (ConfigurableApplicationContext app = start()) {
            StaffMember staff = app.getBean(StaffDirectory.class)
                    .createFirstAdmin("nurse", "Nina Nurse", "a long enough password");
            long conversationId = conversationAfterPatientTexts(app, staff, PATIENT);
            ConversationService conversations = app.getBean(ConversationService.class);
            app.getBean(Replies.class).reply(staff, conversationId, "Your referral is ready.");
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                    assertThat(onlyReply(conversations, conversationId).status()).isEqualTo(MessageStatus.DELIVERED));
            // the carrier is down, so the lookup cannot tell whether it has the message
            app.getBean(SandboxCarrier.class).setOutage(true);
            anotherNodeIsSending(app.getBean(JdbcTemplate.class), Instant.now().minusSeconds(1));

            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                MessageView reply = onlyReply(conversations, conversationId);
                assertThat(reply.status()).isEqualTo(MessageStatus.UNCONFIRMED);
                assertThat(reply.statusReason()).isEqualTo("the sandbox carrier is down");
            });
            app.getBean(SandboxCarrier.class).setOutage(false);
            assertThat(app.getBean(SandboxCarrier.class).receivedCount(PATIENT)).isEqualTo(1);
            assertThat(app.getBean(JdbcTemplate.class).queryForObject("select count(*) from outbound_task",
                    Long.class)).as("nothing waits to be sent by itself").isZero();
        }
    }

    @Test
    void anUndeliverableReplyShowsWhyAndIsNotRetried() {
        try (ConfigurableApplicationContext app = start()) {
            StaffMember staff = app.getBean(StaffDirectory.class)
                    .createFirstAdmin("nurse", "Nina Nurse", "a long enough password");
            long conversationId = conversationAfterPatientTexts(app, staff, "+19292030000");
            ConversationService conversations = app.getBean(ConversationService.class);

            app.getBean(Replies.class).reply(staff, conversationId, "We called but nobody answered.");

            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                MessageView reply = onlyReply(conversations, conversationId);
                assertThat(reply.status()).isEqualTo(MessageStatus.UNDELIVERED);
                assertThat(reply.statusReason()).isEqualTo("The handset is unreachable");
            });
        }
    }
}
