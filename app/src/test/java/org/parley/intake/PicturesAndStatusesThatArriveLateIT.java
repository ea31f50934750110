package org.parley.intake;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.parley.conversation.ConversationChanged;
import org.parley.conversation.Message;
import org.parley.conversation.MessageRepository;
import org.parley.conversation.MessageStatus;
import org.parley.conversation.OutboundMessages;
import org.parley.conversation.event.OutboundAccepted;
import org.parley.line.LineService;
import org.parley.line.LineSnapshot;
import org.parley.security.StaffDirectory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A Twilio line whose media host (WireMock, trusted through {@code parley.media.trusted-origins}) fails, and delivery
 * statuses that come before their message: nothing the patient wrote and nothing the provider reported is lost.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:late-arrivals;DB_CLOSE_DELAY=-1",
        "parley.plugins.dir=${parley.test.plugins-dir}",
        // the test drives the background fetch itself
        "parley.intake.later.poll-interval=1h",
        "parley.intake.later.first-retry=1ms",
        "parley.intake.later.max-retry-delay=1ms",
        "parley.intake.later.max-attempts=2"})
@RecordApplicationEvents
class PicturesAndStatusesThatArriveLateIT {

    private static final String TOKEN = "twilio-auth-token-for-late-arrivals";
    private static final String ACCOUNT = "AC" + "1".repeat(32);
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 'I', 'H'};
    private static final WireMockServer MEDIA_HOST = new WireMockServer(WireMockConfiguration.options().dynamicPort());

    static {
        MEDIA_HOST.start();
    }

    @DynamicPropertySource
    static void theMediaHostIsTrusted(DynamicPropertyRegistry registry) {
        registry.add("parley.media.trusted-origins", () -> "http://localhost:" + MEDIA_HOST.port());
    }

    @AfterAll
    static void stopTheMediaHost() {
        MEDIA_HOST.stop();
    }

    @LocalServerPort
    int port;
    @Autowired
    LineService lines;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    MediaFetchQueue mediaFetches;
    @Autowired
    EarlyStatuses earlyStatuses;
    @Autowired
    MessageRepository messages;
    @Autowired
    StaffDirectory directory;
    @Autowired
    TransactionTemplate tx;
    @Autowired
    ApplicationEventPublisher events;
    @Autowired
    ApplicationEvents published;

    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void aTwilioLineExists() {
        if (lines.find("twilio-late").isPresent()) {
            return;
        }
        SecurityContextHolder.getContext().setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                "admin", null, List.of(new SimpleGrantedAuthority("ROLE_ADMIN"))));
        try {
            lines.save("admin", new LineSnapshot("twilio-late", "Twilio line", "+19292038610", "twilio",
                    Map.of("accountSid", ACCOUNT, "authToken", TOKEN)));
        } finally {
            SecurityContextHolder.clearContext();
        }
        if (!directory.hasAnyUser()) {
            directory.createFirstAdmin("nurse", "Nina Nurse", "a long enough password");
        }
    }

    private HttpResponse<String> postTwilio(String event, Map<String, String> fields) throws Exception {
        URI url = URI.create("http://localhost:" + port + "/webhooks/twilio-late/" + event);
        StringBuilder signed = new StringBuilder(url.toString());
        new TreeMap<>(fields).forEach((k, v) -> signed.append(k).append(v));
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(TOKEN.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
        String signature = Base64.getEncoder().encodeToString(mac.doFinal(signed.toString()
                .getBytes(StandardCharsets.UTF_8)));
        String body = fields.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        return http.send(HttpRequest.newBuilder(url).header("Content-Type", "application/x-www-form-urlencoded")
                        .header("X-Twilio-Signature", signature).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String sid(String prefix) {
        return prefix + UUID.randomUUID().toString().replace("-", "");
    }

    private static String phone() {
        return "+1929" + (2000000 + Math.floorMod(UUID.randomUUID().getLeastSignificantBits(), 7000000));
    }

    private Map<String, String> mms(String sid, String from, String mediaPath, String announcedType) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("MessageSid", sid);
        fields.put("AccountSid", ACCOUNT);
        fields.put("From", from);
        fields.put("To", "+19292038610");
        fields.put("Body", "Here is the rash on my arm");
        fields.put("NumMedia", "1");
        fields.put("MediaUrl0", "http://localhost:" + MEDIA_HOST.port() + mediaPath);
        fields.put("MediaContentType0", announcedType);
        return fields;
    }

    private Map<String, Object> mediaOf(String providerMessageId) {
        return jdbc.queryForMap("select mm.id, mm.content_type, mm.size_bytes, mm.fetch_state, "
                + "case when mm.data is null then false else true end as has_data from message_media mm "
                + "join message m on m.id = mm.message_id where m.provider_message_id = ?", providerMessageId);
    }

    @Test
    void aTwilioMmsWhoseMediaAnswers500StoresTheTextAndLaterThePicture() throws Exception {
        String path = "/2010-04-01/Accounts/" + ACCOUNT + "/Messages/MM1/Media/ME" + UUID.randomUUID();
        MEDIA_HOST.stubFor(get(urlPathEqualTo(path)).inScenario(path).whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(500)).willSetStateTo("back"));
        MEDIA_HOST.stubFor(get(urlPathEqualTo(path)).inScenario(path).whenScenarioStateIs("back")
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "image/png").withBody(PNG)));
        String sid = sid("MM");

        assertThat(postTwilio("sms", mms(sid, phone(), path, "image/png")).statusCode()).isEqualTo(200);

        assertThat(jdbc.queryForObject("select count(*) from message where provider_message_id = ?", Integer.class,
                sid)).isEqualTo(1);
        Map<String, Object> placeholder = mediaOf(sid);
        assertThat(placeholder.get("FETCH_STATE")).isEqualTo("PENDING");
        assertThat(placeholder.get("HAS_DATA")).isEqualTo(false);

        mediaFetches.fetchDue();

        Map<String, Object> picture = mediaOf(sid);
        assertThat(picture.get("FETCH_STATE")).isNull();
        assertThat(picture.get("HAS_DATA")).isEqualTo(true);
        assertThat(picture.get("CONTENT_TYPE")).isEqualTo("image/png");
        assertThat(((Number) picture.get("SIZE_BYTES")).longValue()).isEqualTo(PNG.length);
        assertThat(jdbc.queryForObject("select count(*) from media_fetch_task where media_id = ?", Integer.class,
                picture.get("ID"))).isZero();
        // the plugin added the account's credentials to the retry as to the first try
        MEDIA_HOST.verify(2, getRequestedFor(urlPathEqualTo(path)).withHeader("Authorization", matching("Basic .+")));
        // open screens hear of it
        assertThat(published.stream(ConversationChanged.class)).isNotEmpty();
    }

    @Test
    void mediaThatNeverArrivesEndsAsAPlaceholderThatSaysSo() throws Exception {
        String path = "/2010-04-01/Accounts/" + ACCOUNT + "/Messages/MM2/Media/ME" + UUID.randomUUID();
        MEDIA_HOST.stubFor(get(urlPathEqualTo(path)).willReturn(aResponse().withStatus(503)));
        String sid = sid("MM");

        assertThat(postTwilio("sms", mms(sid, phone(), path, "image/jpeg")).statusCode()).isEqualTo(200);
        // two tries (max-attempts), each once it is due (the back-off is a millisecond)
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> {
            mediaFetches.fetchDue();
            return "FAILED".equals(mediaOf(sid).get("FETCH_STATE"));
        });

        Map<String, Object> placeholder = mediaOf(sid);
        MEDIA_HOST.verify(3, getRequestedFor(urlPathEqualTo(path)));
        assertThat(placeholder.get("HAS_DATA")).isEqualTo(false);
        assertThat(jdbc.queryForObject("select count(*) from media_fetch_task where media_id = ?", Integer.class,
                placeholder.get("ID"))).isZero();
    }

    @Test
    void htmlAnnouncedAsAPngIsStoredAsADownloadNotAPicture() throws Exception {
        String path = "/2010-04-01/Accounts/" + ACCOUNT + "/Messages/MM3/Media/ME" + UUID.randomUUID();
        MEDIA_HOST.stubFor(get(urlPathEqualTo(path)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "image/png").withBody("<html><script>alert(1)</script></html>")));
        String sid = sid("MM");

        assertThat(postTwilio("sms", mms(sid, phone(), path, "image/png")).statusCode()).isEqualTo(200);

        assertThat(mediaOf(sid).get("CONTENT_TYPE")).isEqualTo("application/octet-stream");
    }

    @Test
    void aDeliveryStatusBeforeItsMessageIsKeptAndAppliedOnceTheMessageIsRecorded() throws Exception {
        String inbound = sid("SM");
        Map<String, String> text = new LinkedHashMap<>(Map.of("MessageSid", inbound, "AccountSid", ACCOUNT,
                "From", phone(), "To", "+19292038610", "Body", "Can I come at 3?", "NumMedia", "0"));
        assertThat(postTwilio("sms", text).statusCode()).isEqualTo(200);
        long conversation = jdbc.queryForObject("select conversation_id from message where provider_message_id = ?",
                Long.class, inbound);
        long nurse = directory.findByUsername("nurse").orElseThrow().id();
        String reply = sid("SM");

        // the provider reports delivery before the sender's transaction that recorded the id has committed
        HttpResponse<String> early = postTwilio("status", Map.of("MessageSid", reply, "MessageStatus", "delivered",
                "AccountSid", ACCOUNT));

        assertThat(early.statusCode()).isEqualTo(200);
        assertThat(jdbc.queryForObject("select count(*) from early_delivery_status where provider_message_id = ?",
                Integer.class, reply)).isEqualTo(1);

        Message sent = tx.execute(status -> {
            Message saved = messages.save(OutboundMessages.accepted(conversation, "twilio-late", nurse,
                    "Yes, 3 pm works.", reply, Instant.now()));
            events.publishEvent(new OutboundAccepted("twilio-late", reply));
            return saved;
        });

        assertThat(messages.findById(sent.getId()).orElseThrow().getStatus()).isEqualTo(MessageStatus.DELIVERED);
        assertThat(jdbc.queryForObject("select count(*) from early_delivery_status where provider_message_id = ?",
                Integer.class, reply)).isZero();
    }

    @Test
    void anEarlyStatusThatRacedTheRecordingIsAppliedByTheSweep() throws Exception {
        String inbound = sid("SM");
        assertThat(postTwilio("sms", new LinkedHashMap<>(Map.of("MessageSid", inbound, "AccountSid", ACCOUNT,
                "From", phone(), "To", "+19292038610", "Body", "Running late", "NumMedia", "0"))).statusCode())
                .isEqualTo(200);
        long conversation = jdbc.queryForObject("select conversation_id from message where provider_message_id = ?",
                Long.class, inbound);
        long nurse = directory.findByUsername("nurse").orElseThrow().id();
        String reply = sid("SM");
        assertThat(postTwilio("status", Map.of("MessageSid", reply, "MessageStatus", "undelivered",
                "ErrorCode", "30003", "AccountSid", ACCOUNT)).statusCode()).isEqualTo(200);
        // recorded without the event: as if the status's commit came just after the sender looked
        Message sent = tx.execute(status -> messages.save(OutboundMessages.accepted(conversation, "twilio-late",
                nurse, "No problem.", reply, Instant.now())));

        earlyStatuses.run();

        assertThat(messages.findById(sent.getId()).orElseThrow().getStatus()).isEqualTo(MessageStatus.UNDELIVERED);
    }
}
