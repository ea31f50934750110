package org.parley.cluster;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.line.LineService;
import org.parley.line.LineSnapshot;
import org.parley.testsupport.ActingAs;
import org.parley.testsupport.ParleyNodes;
import org.parley.testsupport.TestStaff;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.context.SecurityContextHolderStrategy;

/**
 * Two nodes on one PostgreSQL both poll for media to fetch again: a picture whose first fetch failed is fetched once
 * more by one of them (the lease holds while the slow media host answers), and the placeholder becomes the picture.
 */
class APictureFetchedLaterIsFetchedOnceByOneOfTwoNodesIT {

    private static final String TOKEN = "twilio-auth-token-two-nodes";
    private static final String ACCOUNT = "AC" + "2".repeat(32);
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 'I', 'H'};
    private static final String PATH = "/2010-04-01/Accounts/" + ACCOUNT + "/Messages/MM9/Media/ME9";

    @TempDir
    static Path shared;
    static ParleyNodes nodes;
    static ConfigurableApplicationContext a;
    static WireMockServer mediaHost;

    @BeforeAll
    static void twoNodesAndAFlakyMediaHost() {
        mediaHost = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        mediaHost.start();
        nodes = new ParleyNodes(shared, Map.of(
                "parley.plugins.dir", System.getProperty("parley.test.plugins-dir"),
                "parley.media.trusted-origins", "http://localhost:" + mediaHost.port(),
                "parley.intake.later.poll-interval", "100ms",
                "parley.intake.later.first-retry", "1ms",
                "parley.intake.later.max-retry-delay", "1ms"));
        a = nodes.start("a", Map.of());
        nodes.start("b", Map.of());
        ActingAs.run(a.getBean(SecurityContextHolderStrategy.class), "admin", "ADMIN", () ->
                a.getBean(LineService.class).save(TestStaff.named("admin"), new LineSnapshot("twilio-two", "Twilio line",
                        "+19292038620", "twilio", Map.of("accountSid", ACCOUNT, "authToken", TOKEN))));
    }

    @AfterAll
    static void stop() {
        if (nodes != null) {
            nodes.close();
        }
        if (mediaHost != null) {
            mediaHost.stop();
        }
    }

    @Test
    void theFailedPictureIsFetchedOnceMoreAndShownInPlaceOfThePlaceholder() throws Exception {
        mediaHost.stubFor(get(urlPathEqualTo(PATH)).inScenario("flaky").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(500)).willSetStateTo("back"));
        // slow enough that both nodes poll many times while one of them holds the fetch
        mediaHost.stubFor(get(urlPathEqualTo(PATH)).inScenario("flaky").whenScenarioStateIs("back")
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "image/png").withBody(PNG)
                        .withFixedDelay(1500)));
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("MessageSid", "MM" + "9".repeat(32));
        fields.put("AccountSid", ACCOUNT);
        fields.put("From", "+19292035599");
        fields.put("To", "+19292038620");
        fields.put("Body", "The swelling today");
        fields.put("NumMedia", "1");
        fields.put("MediaUrl0", "http://localhost:" + mediaHost.port() + PATH);
        fields.put("MediaContentType0", "image/png");

        assertThat(postTwilio(fields).statusCode()).isEqualTo(200);

        JdbcClient db = JdbcClient.create(a.getBean(DataSource.class));
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> db.sql(
                "select count(*) from message_media where data is not null and fetch_state is null").query(Long.class)
                .single() == 1);
        Thread.sleep(1000); // time for a second fetch, were the lease not to hold
        mediaHost.verify(2, getRequestedFor(urlPathEqualTo(PATH)));
        assertThat(db.sql("select count(*) from media_fetch_task").query(Long.class).single()).isZero();
        assertThat(db.sql("select content_type from message_media").query(String.class).single())
                .isEqualTo("image/png");
    }

    private HttpResponse<String> postTwilio(Map<String, String> fields) throws Exception {
        URI url = URI.create("http://localhost:" + ParleyNodes.port(a) + "/webhooks/twilio-two/sms");
        StringBuilder signed = new StringBuilder(url.toString());
        new TreeMap<>(fields).forEach((k, v) -> signed.append(k).append(v));
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(TOKEN.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
        String signature = Base64.getEncoder().encodeToString(mac.doFinal(signed.toString()
                .getBytes(StandardCharsets.UTF_8)));
        String body = fields.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(url)
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .header("X-Twilio-Signature", signature).POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(), HttpResponse.BodyHandlers.ofString());
    }
}
