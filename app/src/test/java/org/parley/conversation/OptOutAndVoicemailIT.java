package org.parley.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.parley.compliance.ConsentService;
import org.parley.inbox.InboxService;
import org.parley.line.KeywordReplies;
import org.parley.line.LineService;
import org.parley.line.LineSnapshot;
import org.parley.plugin.LineType;
import org.parley.security.StaffDirectory;
import org.parley.security.StaffMember;
import org.parley.simulator.PhoneEntry;
import org.parley.simulator.SandboxCarrier;
import org.parley.testsupport.SandboxWebhooks;
import org.parley.testsupport.TestStaff;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.context.TestPropertySource;

/**
 * Consent and voicemail through the whole stack, over real HTTP with the sandbox provider: every provider's
 * STOP/START/HELP behaviour lives in the app, not in a plugin.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:optout;DB_CLOSE_DELAY=-1",
        "parley.plugins.dir=${parley.test.plugins-dir}",
        "parley.practice.name=Amboy Family Practice",
        "parley.outbound.poll-interval=200ms",
        "parley.outbound.messages-per-second-per-line=50"})
class OptOutAndVoicemailIT {

    @LocalServerPort
    int port;
    @Autowired
    SandboxCarrier carrier;
    @Autowired
    ConversationService conversations;

    @Autowired
    Replies replies;
    @Autowired
    InboxService inboxViews;
    @Autowired
    ConsentService consent;
    @Autowired
    StaffDirectory directory;
    @Autowired
    LineService lines;
    @Autowired
    JdbcTemplate jdbc;

    StaffMember staff;

    @BeforeEach
    void aNurseIsOnDuty() {
        if (!directory.hasAnyUser()) {
            directory.createFirstAdmin("nurse", "Nina Nurse", "a long enough password");
        }
        staff = directory.findByUsername("nurse").orElseThrow();
    }

    private static String newPhone() {
        return "+1929" + String.format("%07d", Math.abs(UUID.randomUUID().getMostSignificantBits()) % 10_000_000)
                .replaceAll("0000$", "0001");
    }

    private long texts(String phone, String text) {
        assertThat(carrier.textPractice("sandbox", phone, text, null, null, null).accepted()).isTrue();
        return conversationOf(phone);
    }

    private long conversationOf(String phone) {
        return inboxViews.openConversations(staff, 0, 500).stream()
                .filter(row -> row.contactName().replaceAll("[^0-9]", "").equals(phone.substring(2)))
                .findFirst().orElseThrow().id();
    }

    private List<MessageView> thread(long conversationId) {
        return conversations.thread(conversationId, 0, 100);
    }

    private List<PhoneEntry> received(String phone) {
        return carrier.phone(phone, 50).stream().filter(entry -> !entry.fromPhone()).toList();
    }

    @Test
    void stopOptsTheNumberOutWithOneConfirmationAndRefusesReplies() {
        String phone = newPhone();
        long conversation = texts(phone, " Stop ");

        assertThat(consent.status("sandbox", phone).optedOut()).isTrue();
        assertThat(thread(conversation)).anySatisfy(m -> {
            assertThat(m.direction()).isEqualTo(Direction.SYSTEM);
            assertThat(m.body()).contains("Opted out of texts by replying STOP");
        });
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(received(phone)).singleElement()
                .satisfies(entry -> assertThat(entry.body()).startsWith("Amboy Family Practice: you will get no more texts")));
        assertThat(conversations.header(conversation).canReply()).isFalse();
        assertThat(conversations.header(conversation).whyNoReply()).contains("opted out");
        assertThatThrownBy(() -> replies.reply(staff, conversation, "Are you sure?"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("opted out");
    }

    @Test
    void startOptsBackInAndHelpIsAnsweredWithTheHelpText() {
        String phone = newPhone();
        long conversation = texts(phone, "STOP");
        texts(phone, "start");

        assertThat(consent.status("sandbox", phone).optedOut()).isFalse();
        texts(phone, "HELP");
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(received(phone)).hasSize(3)
                .extracting(PhoneEntry::body).satisfiesExactly(
                        stop -> assertThat(stop).contains("no more texts"),
                        start -> assertThat(start).contains("texts from this number again"),
                        help -> assertThat(help).contains("In an emergency call 911")));
        assertThat(conversations.header(conversation).canReply()).isTrue();
    }

    @Test
    @WithMockUser(roles = "ADMIN")
    void aLineWhoseProviderConfirmsKeywordsGetsNoSecondConfirmation() {
        LineSnapshot sandbox = lines.find("sandbox").orElseThrow();
        LineSnapshot quiet = lines.save(TestStaff.named("admin"), new LineSnapshot("quiet", "Provider confirms", "+15555550177",
                "sandbox", Map.of(), KeywordReplies.PROVIDER, null));
        String phone = newPhone();

        assertThat(carrier.textPractice(quiet.id(), phone, "STOP", null, null, null).accepted()).isTrue();

        assertThat(consent.status("quiet", phone).optedOut()).isTrue();
        assertThat(consent.status(sandbox.id(), phone).optedOut()).isFalse();
        assertThat(received(phone)).isEmpty();
    }

    @Test
    void aTextThatAsksToStopInOtherWordsIsFlaggedButChangesNothing() {
        String phone = newPhone();
        long conversation = texts(phone, "please stop texting me");

        assertThat(consent.status("sandbox", phone).optedOut()).isFalse();
        ConversationHeader header = conversations.header(conversation);
        assertThat(header.attention()).isEqualTo(Attention.POSSIBLE_OPT_OUT);
        assertThat(header.attentionReason()).contains("Possible opt-out request");
        assertThat(received(phone)).isEmpty();

        conversations.markHandled(staff, conversation);
        assertThat(conversations.header(conversation).attention()).isNull();
    }

    @Test
    void aProviderOptOutFailureMarksTheNumberOptedOutAndFlagsTheConversation() {
        String phone = newPhone();
        long conversation = texts(phone, "Is my prescription ready?");
        carrier.setBlocked(phone, true);

        replies.reply(staff, conversation, "Yes, you can pick it up.");

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            MessageView reply = thread(conversation).stream().filter(m -> m.direction() == Direction.OUTBOUND)
                    .findFirst().orElseThrow();
            assertThat(reply.status()).isEqualTo(MessageStatus.FAILED);
            assertThat(reply.statusReason()).contains("opted out");
        });
        assertThat(consent.status("sandbox", phone).optedOut()).isTrue();
        ConversationHeader header = conversations.header(conversation);
        assertThat(header.attention()).isEqualTo(Attention.DELIVERY_FAILED);
        assertThat(header.attentionReason()).startsWith("Not delivered — call or resend");
        assertThat(received(phone)).isEmpty();
    }

    @Test
    void anUndeliveredReplyPutsTheConversationBackIntoTheInboxFlagged() {
        String phone = "+19292040000";
        long conversation = texts(phone, "Hello?");

        replies.reply(staff, conversation, "We tried to reach you.");

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                assertThat(conversations.header(conversation).attention()).isEqualTo(Attention.DELIVERY_FAILED));
        assertThat(conversations.header(conversation).attentionReason())
                .isEqualTo("Not delivered — call or resend: The handset is unreachable");
        assertThat(inboxViews.openConversations(staff, 0, 1).get(0).id()).isEqualTo(conversation);
    }

    @Test
    void aVoicemailJoinsItsRecordingAndTranscriptInEitherOrderAsAnInternalMessage() {
        for (boolean transcriptFirst : new boolean[] {false, true}) {
            String phone = newPhone();
            byte[] audio = ("fake mp3 " + transcriptFirst).getBytes();
            assertThat(carrier.leaveVoicemail("sandbox", phone, "audio/mpeg", "voicemail.mp3", audio,
                    "This is Maria, please call me back", transcriptFirst).accepted()).isTrue();

            long conversation = conversationOf(phone);
            List<MessageView> voicemails = thread(conversation).stream()
                    .filter(m -> m.direction() == Direction.VOICEMAIL).toList();
            assertThat(voicemails).as("transcript first: " + transcriptFirst).singleElement().satisfies(v -> {
                assertThat(v.body()).isEqualTo("This is Maria, please call me back");
                assertThat(v.media()).singleElement().satisfies(m -> {
                    assertThat(m.contentType()).isEqualTo("audio/mpeg");
                    assertThat(conversations.attachment(m.id())).contains(audio);
                });
            });
            // The voicemail is never sent to the patient.
            assertThat(received(phone)).isEmpty();
        }
    }

    @Test
    void aVoicemailPartForAnUnknownCallIsRefusedSoTheProviderRetriesAndAReplayedPartIsStoredOnce() throws Exception {
        String secret = lines.find("sandbox").orElseThrow().settings().get("signingSecret");
        try (SandboxWebhooks webhooks = SandboxWebhooks.at(port)) {
            String callId = "SBC" + UUID.randomUUID().toString().replace("-", "");
            assertThat(webhooks.post("sandbox", "transcription", secret,
                    Map.of("CallId", callId, "TranscriptionText", "Early words")).statusCode()).isEqualTo(409);

            String phone = newPhone();
            assertThat(webhooks.post("sandbox", "voice", secret,
                    Map.of("CallId", callId, "From", phone, "To", "+15555550100")).statusCode()).isEqualTo(200);
            for (int i = 0; i < 2; i++) {
                assertThat(webhooks.post("sandbox", "transcription", secret,
                        Map.of("CallId", callId, "TranscriptionText", "Early words")).statusCode())
                        .isEqualTo(200);
            }
            List<MessageView> voicemails = thread(conversationOf(phone)).stream()
                    .filter(m -> m.direction() == Direction.VOICEMAIL).toList();
            assertThat(voicemails).singleElement().satisfies(v -> assertThat(v.body()).isEqualTo("Early words"));
        }
    }

    @Test
    void theCallersNumberShowsWhetherItCanReceiveTexts() {
        String landline = "+19292001238";
        assertThat(carrier.leaveVoicemail("sandbox", landline, "audio/mpeg", "v.mp3", new byte[] {1}, "Call me",
                false).accepted()).isTrue();

        assertThat(conversations.contactLineType(conversationOf(landline)))
                .isEqualTo(LineType.LANDLINE);
    }

    @Test
    void aSignedDeliveryReportNamingAPatientsOwnTextLeavesThatTextAsItWas() throws Exception {
        String phone = newPhone();
        long conversation = texts(phone, "Is the clinic open Friday?");
        var inbound = thread(conversation).stream().filter(m -> m.body().equals("Is the clinic open Friday?"))
                .findFirst().orElseThrow();
        String providerId = jdbc.queryForObject("select provider_message_id from message where id = ?", String.class,
                inbound.id());
        String secret = lines.find("sandbox").orElseThrow().settings().get("signingSecret");

        try (SandboxWebhooks webhooks = SandboxWebhooks.at(port)) {
            assertThat(webhooks.post("sandbox", "status", secret, SandboxWebhooks.statusUpdate(providerId, "failed"))
                    .statusCode()).isEqualTo(200);
        }

        var after = thread(conversation).stream().filter(m -> m.id() == inbound.id()).findFirst().orElseThrow();
        assertThat(after.status()).isEqualTo(inbound.status());
        assertThat(jdbc.queryForObject("select attention from conversation where id = ?", String.class,
                conversation)).as("no 'not delivered' flag on the conversation").isNull();
    }

    @Test
    void aLateSentReportNeverMovesADeliveredReplyBackwards() throws Exception {
        String phone = newPhone();
        long conversation = texts(phone, "Thanks!");
        long replyId = replies.reply(staff, conversation, "You're welcome.").id();
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(thread(conversation).stream()
                .filter(m -> m.id() == replyId).findFirst().orElseThrow().status()).isEqualTo(MessageStatus.DELIVERED));
        String providerId = jdbc.queryForObject("select provider_message_id from message where id = ?", String.class,
                replyId);
        String secret = lines.find("sandbox").orElseThrow().settings().get("signingSecret");

        try (SandboxWebhooks webhooks = SandboxWebhooks.at(port)) {
            assertThat(webhooks.post("sandbox", "status", secret, SandboxWebhooks.statusUpdate(providerId, "sent"))
                    .statusCode()).isEqualTo(200);
        }

        assertThat(thread(conversation).stream().filter(m -> m.id() == replyId).findFirst().orElseThrow().status())
                .isEqualTo(MessageStatus.DELIVERED);
    }

    @Test
    void aLandlineCannotBeTextedOnceItsTypeIsKnownAndSaysSo() {
        // The sandbox says numbers in the 200 exchange are landlines.
        long conversation = texts("+19292001237", "Please call me back");

        ConversationHeader header = conversations.open(staff, conversation);

        assertThat(header.canReply()).isFalse();
        assertThat(header.whyNoReply()).isEqualTo("The number is a landline: it cannot receive texts. Call the patient instead.");
        assertThatThrownBy(() -> replies.reply(staff, conversation, "Hello"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("landline");
    }
}
