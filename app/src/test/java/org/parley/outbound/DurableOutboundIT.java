package org.parley.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.ParleyApplication;
import org.parley.conversation.ConversationService;
import org.parley.conversation.Direction;
import org.parley.conversation.MessageStatus;
import org.parley.conversation.MessageView;
import org.parley.inbox.InboxService;
import org.parley.security.StaffDirectory;
import org.parley.security.StaffMember;
import org.parley.simulator.SandboxCarrier;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

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

            messageId = conversations.reply(staff, conversationId, "Yes, you can pick it up today.").id();

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
            conversations.reply(staff, conversationId, "Your referral is ready.");
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                    assertThat(onlyReply(conversations, conversationId).status()).isEqualTo(MessageStatus.DELIVERED));
            // The app stops after the provider took the message but before it recorded that: the message is still
            // SENDING, its task still leased by the node that died, the lease run out.
            JdbcTemplate jdbc = first.getBean(JdbcTemplate.class);
            jdbc.update("update message set status = 'SENDING', provider_message_id = null "
                    + "where direction = 'OUTBOUND'");
            jdbc.update("insert into outbound_task (id, line_id, attempts, next_attempt_at, lease_owner, lease_until) "
                    + "select id, line_id, 1, ?, 'node-that-died', ? from message where direction = 'OUTBOUND'",
                    java.sql.Timestamp.from(java.time.Instant.now().minusSeconds(60)),
                    java.sql.Timestamp.from(java.time.Instant.now().minusSeconds(1)));
        }

        try (ConfigurableApplicationContext second = start()) {
            ConversationService conversations = second.getBean(ConversationService.class);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(onlyReply(conversations, conversationId).status())
                            .isIn(MessageStatus.SENT, MessageStatus.DELIVERED));
            assertThat(second.getBean(SandboxCarrier.class).receivedCount(PATIENT)).isEqualTo(1);
        }
    }

    @Test
    void anUndeliverableReplyShowsWhyAndIsNotRetried() {
        try (ConfigurableApplicationContext app = start()) {
            StaffMember staff = app.getBean(StaffDirectory.class)
                    .createFirstAdmin("nurse", "Nina Nurse", "a long enough password");
            long conversationId = conversationAfterPatientTexts(app, staff, "+19292030000");
            ConversationService conversations = app.getBean(ConversationService.class);

            conversations.reply(staff, conversationId, "We called but nobody answered.");

            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                MessageView reply = onlyReply(conversations, conversationId);
                assertThat(reply.status()).isEqualTo(MessageStatus.UNDELIVERED);
                assertThat(reply.statusReason()).isEqualTo("The handset is unreachable");
            });
        }
    }
}
