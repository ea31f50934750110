package org.parley.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.awt.Color;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.parley.ParleyApplication;
import org.parley.attachment.Attachment;
import org.parley.attachment.ReplyAttachments;
import org.parley.audit.AuditEntries;
import org.parley.audit.AuditEntry;
import org.parley.base.PublicBaseUrl;
import org.parley.conversation.ConversationService;
import org.parley.conversation.Direction;
import org.parley.conversation.MessageStatus;
import org.parley.conversation.Replies;
import org.parley.conversation.media.MediaInfo;
import org.parley.inbox.InboxService;
import org.parley.security.StaffDirectory;
import org.parley.security.StaffMember;
import org.parley.simulator.PhoneEntry;
import org.parley.simulator.SandboxCarrier;
import org.parley.testsupport.TestFiles;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.domain.PageRequest;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A picture attached to a reply travels as MMS through the sandbox line: stored with the reply, fetched by the
 * carrier from its public, signed, expiring link (audited), and shown on the simulated phone; the link refuses
 * forged and expired tokens and anything but the practice's own media.
 */
class OutboundPictureIT {

    private static final String PATIENT = "+19292059001";
    private static ConfigurableApplicationContext app;
    private static StaffMember staff;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        app = new SpringApplicationBuilder(ParleyApplication.class).run(
                "--server.port=0",
                "--spring.datasource.url=jdbc:h2:mem:outbound-picture;DB_CLOSE_DELAY=-1",
                "--parley.plugins.dir=" + System.getProperty("parley.test.plugins-dir"),
                "--parley.outbound.poll-interval=200ms");
        staff = app.getBean(StaffDirectory.class).createFirstAdmin("nurse", "Nina Nurse", "a long enough password");
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    private static long conversationAfterPatientTexts(String text, byte[] picture) {
        assertThat(app.getBean(SandboxCarrier.class).textPractice("sandbox", PATIENT, text,
                picture == null ? null : "image/png", picture == null ? null : "me.png", picture).accepted()).isTrue();
        return app.getBean(InboxService.class).openConversations(staff, 0, 10).getFirst().id();
    }

    private HttpResponse<byte[]> get(URI url) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(url).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static URI link(String token) {
        return app.getBean(PublicBaseUrl.class).resolve("/media/" + token + ".png");
    }

    @Test
    void aReplyWithAPictureIsDeliveredAndThePatientsPhoneShowsThePicture() {
        long conversationId = conversationAfterPatientTexts("Can you send me the exercises?", null);
        ConversationService conversations = app.getBean(ConversationService.class);
        byte[] png = TestFiles.picture("png", Color.ORANGE);
        Attachment sheet = app.getBean(ReplyAttachments.class).check("Exercises for M. Lopez.png", png);

        long messageId = app.getBean(Replies.class).reply(staff, conversationId, "Here are your exercises.", List.of(sheet)).id();

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(conversations.thread(conversationId, 0, 50)
                .stream().filter(m -> m.id() == messageId).findFirst().orElseThrow().status())
                .isEqualTo(MessageStatus.DELIVERED));
        SandboxCarrier carrier = app.getBean(SandboxCarrier.class);
        PhoneEntry received = carrier.phone(PATIENT, 10).getLast();
        assertThat(received.fromPhone()).isFalse();
        assertThat(received.body()).isEqualTo("Here are your exercises.");
        assertThat(received.hasImage()).isTrue();
        SandboxCarrier.Picture picture = carrier.picture(received.id()).orElseThrow();
        assertThat(picture.data()).isEqualTo(png);
        assertThat(picture.contentType()).isEqualTo("image/png");

        MediaInfo stored = conversations.thread(conversationId, 0, 50).stream().filter(m -> m.id() == messageId)
                .findFirst().orElseThrow().media().getFirst();
        assertThat(stored.fileName()).isEqualTo("Exercises for M. Lopez.png");
        assertThat(app.getBean(JdbcTemplate.class).queryForObject(
                "select key_value from signing_key where name = 'media-links'", String.class))
                .as("the key that signed the picture's link is kept encrypted, bound to its row")
                .startsWith("prly2:");
        List<AuditEntry> fetches = app.getBean(AuditEntries.class).newest("MEDIA_FETCHED", PageRequest.of(0, 10));
        assertThat(fetches).anySatisfy(fetch -> {
            assertThat(fetch.actor()).isEqualTo("provider");
            assertThat(fetch.targetType()).isEqualTo("message_media");
            assertThat(fetch.targetId()).isEqualTo(String.valueOf(stored.id()));
        });
    }

    @Test
    void aReplyWithMoreFilesThanAllowedIsRefusedAndNothingOfItIsStored() {
        long conversationId = conversationAfterPatientTexts("Two pictures please", null);
        ConversationService conversations = app.getBean(ConversationService.class);
        ReplyAttachments rules = app.getBean(ReplyAttachments.class);
        long before = conversations.countMessages(conversationId);
        Attachment one = rules.check("one.png", TestFiles.picture("png", Color.RED));
        Attachment two = rules.check("two.gif", TestFiles.picture("gif", Color.RED));

        assertThatThrownBy(() -> app.getBean(Replies.class).reply(staff, conversationId, "Here", List.of(one, two)))
                .hasMessage("A reply can carry at most 1 file; this one has 2.");
        // A record built past the check is checked again: a program renamed .png never gets stored.
        Attachment disguised = new Attachment("harmless.png", "image/png", TestFiles.windowsProgram());
        assertThatThrownBy(() -> app.getBean(Replies.class).reply(staff, conversationId, "Here", List.of(disguised)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("its content is a Windows program");
        assertThat(conversations.countMessages(conversationId)).isEqualTo(before);
    }

    @Test
    void theMediaLinkServesTheReplysPictureWithoutLoginAndRefusesForgedExpiredAndForeignTokensWithoutDetail()
            throws IOException, InterruptedException {
        long conversationId = conversationAfterPatientTexts("Here is my rash", TestFiles.picture("png", Color.PINK));
        ConversationService conversations = app.getBean(ConversationService.class);
        MediaInfo patientsPicture = conversations.thread(conversationId, 0, 50).stream()
                .filter(m -> m.direction() == Direction.INBOUND && !m.media().isEmpty()).findFirst().orElseThrow()
                .media().getFirst();
        byte[] png = TestFiles.picture("png", Color.CYAN);
        long messageId = app.getBean(Replies.class).reply(staff, conversationId, "",
                List.of(app.getBean(ReplyAttachments.class).check("cream.png", png))).id();
        long mediaId = conversations.thread(conversationId, 0, 50).stream().filter(m -> m.id() == messageId)
                .findFirst().orElseThrow().media().getFirst().id();
        MediaLinks links = app.getBean(MediaLinks.class);
        Clock clock = app.getBean(Clock.class);

        HttpResponse<byte[]> served = get(links.urlFor(mediaId, "image/png"));
        assertThat(served.statusCode()).isEqualTo(200);
        assertThat(served.body()).isEqualTo(png);
        assertThat(served.headers().firstValue("Content-Type")).contains("image/png");
        assertThat(served.headers().firstValue("Cache-Control")).hasValueSatisfying(v -> assertThat(v).contains("no-store"));
        assertThat(served.headers().firstValue("Set-Cookie")).isEmpty();

        String valid = links.token(mediaId, clock.instant().plusSeconds(600));
        String[] parts = valid.split("\\.");
        for (String refused : new String[] {
                links.token(mediaId, clock.instant().minusSeconds(1)),              // expired
                (mediaId + 1) + "." + parts[1] + "." + parts[2],                    // another attachment
                parts[0] + "." + (Long.parseLong(parts[1]) + 3600) + "." + parts[2], // stretched expiry
                parts[0] + "." + parts[1] + "." + "A".repeat(43),                   // forged signature
                links.token(patientsPicture.id(), clock.instant().plusSeconds(600)), // not the practice's own
                "not-a-token"}) {
            HttpResponse<byte[]> answer = get(link(refused));
            assertThat(answer.statusCode()).as(refused).isEqualTo(404);
            assertThat(answer.body()).as(refused).isEmpty();
        }
    }
}
