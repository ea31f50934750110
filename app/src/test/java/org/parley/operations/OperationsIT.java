package org.parley.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.catalina.Context;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.parley.line.LineGateway;
import org.parley.line.LineService;
import org.parley.plugin.OutboundMessage;
import org.parley.plugin.SendResult;
import org.parley.security.Role;
import org.parley.security.StaffFixtures;
import org.parley.testsupport.HttpBrowser;
import org.parley.testsupport.SandboxWebhooks;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.servlet.context.ServletWebServerApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What IT sees of a running Parley, over real HTTP on its two ports: the probes answer on the app's port without
 * login and say only UP; health details and metrics are on the management port only; Parley's meters count webhooks,
 * sends, queued work and signed-in sessions, and carry no phone number or text.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:operations;DB_CLOSE_DELAY=-1",
        "parley.plugins.dir=${parley.test.plugins-dir}"})
class OperationsIT {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10)).build();

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    @Autowired
    MeterRegistry meters;

    @Autowired
    LineService lines;

    @Autowired
    LineGateway gateway;

    @Autowired
    StaffFixtures staff;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ServletWebServerApplicationContext web;

    @AfterAll
    static void closeClient() {
        HTTP.close();
    }

    @Test
    void theProbesAnswerOnTheAppPortWithoutLoginAndSayOnlyUp() {
        assertThat(managementPort).as("a port of its own").isNotEqualTo(port);
        for (String probe : List.of("/actuator/health/liveness", "/actuator/health/readiness")) {
            HttpResponse<String> answer = get(port, probe);
            assertThat(answer.statusCode()).as(probe).isEqualTo(200);
            assertThat(answer.body()).as(probe).isEqualToIgnoringWhitespace("{\"status\":\"UP\"}");
        }
    }

    @Test
    void healthDetailsAndMetricsAreNotServedOnTheAppPort() {
        for (String path : List.of("/actuator/prometheus", "/actuator/health", "/actuator/health/readiness/db",
                "/actuator")) {
            HttpResponse<String> answer = get(port, path);
            assertThat(answer.body()).as(path).doesNotContain("parley_", "# HELP", "pluginHost", "keyFile", "components");
            assertThat(answer.statusCode()).as(path).isNotEqualTo(200);
        }
    }

    @Test
    void theManagementPortShowsWhatReadinessIsMadeOfWithoutAnyKey() throws Exception {
        String health = get(managementPort, "/actuator/health").body();

        assertThat(health).contains("\"db\"", "\"pluginHost\"", "\"keyFile\"", "\"readinessState\"")
                .contains("\"sandbox\"", "\"primaryKey\"").doesNotContain("DOWN");
        Path keyFile = Path.of(System.getProperty("parley.encryption.key-file"));
        for (String line : Files.readAllLines(keyFile)) {
            if (line.startsWith("key.") || line.startsWith("index=")) {
                assertThat(health).as("the key file's keys").doesNotContain(line.substring(line.indexOf('=') + 1));
            }
        }
        assertThat(get(managementPort, "/actuator/health/readiness").statusCode()).isEqualTo(200);
    }

    @Test
    void webhooksAreCountedByWhatBecameOfThemWithoutTheirContent() {
        String secret = lines.find("sandbox").orElseThrow().settings().get(SandboxWebhooks.SECRET_SETTING);
        double accepted = webhooks("accepted");
        double badSignature = webhooks("bad_signature");
        double unknown = webhooks("unknown");

        try (SandboxWebhooks webhooks = SandboxWebhooks.at(port)) {
            assertThat(webhooks.post("sandbox", SandboxWebhooks.SMS, secret, SandboxWebhooks.inboundSms(
                    "SM-ops-1", "+19292030147", "+15555550100", "Operations test, hello")).statusCode()).isEqualTo(200);
            assertThat(webhooks.post("sandbox", SandboxWebhooks.SMS, "not the secret", SandboxWebhooks.inboundSms(
                    "SM-ops-2", "+19292030147", "+15555550100", "forged")).statusCode()).isEqualTo(403);
            assertThat(webhooks.post("no-such-line", SandboxWebhooks.SMS, secret, SandboxWebhooks.inboundSms(
                    "SM-ops-3", "+19292030147", "+15555550100", "lost")).statusCode()).isEqualTo(404);
        }

        // Counted once the answer is written: the provider may read it a moment before the count moves.
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            assertThat(webhooks("accepted")).isEqualTo(accepted + 1);
            assertThat(webhooks("bad_signature")).isEqualTo(badSignature + 1);
            assertThat(webhooks("unknown")).isEqualTo(unknown + 1);
        });
        String scrape = get(managementPort, "/actuator/prometheus").body();
        assertThat(scrape).contains("parley_webhooks_received_total{application=\"parley\",outcome=\"bad_signature\"}")
                .doesNotContain("9292030147", "hello", "no-such-line");
    }

    @Test
    void sendsAreTimedAndCountedByLineAndOutcome() {
        long before = sends("accepted");

        SendResult result = gateway.send("sandbox", new OutboundMessage(UUID.randomUUID().toString(), "+15555550100",
                "+19292030148", "Your operations test reply", List.of(), null, List.of()));

        assertThat(result).isInstanceOf(SendResult.Accepted.class);
        assertThat(sends("accepted")).isEqualTo(before + 1);
        String scrape = get(managementPort, "/actuator/prometheus").body();
        assertThat(scrape).contains("parley_messages_send_seconds_count{application=\"parley\",line=\"sandbox\","
                + "outcome=\"accepted\"}").doesNotContain("9292030148", "operations test reply");
    }

    @Test
    void theQueueGaugesShowHowMuchWaitsAndForHowLong() {
        String secret = lines.find("sandbox").orElseThrow().settings().get(SandboxWebhooks.SECRET_SETTING);
        try (SandboxWebhooks webhooks = SandboxWebhooks.at(port)) {
            assertThat(webhooks.post("sandbox", SandboxWebhooks.SMS, secret, SandboxWebhooks.inboundSms(
                    "SM-ops-4", "+19292030149", "+15555550100", "queue test")).statusCode()).isEqualTo(200);
        }
        long conversation = jdbc.queryForObject("select c.id from conversation c join contact p on p.id = c.contact_id"
                + " where p.phone_number = '+19292030149'", Long.class);
        // A reply that waits (its next attempt is tomorrow, so the sender leaves it alone), queued 90 s ago.
        Instant now = Instant.now();
        jdbc.update("insert into message (conversation_id, line_id, direction, body, status, message_key, attempts,"
                        + " next_attempt_at, created_at, updated_at, version) values (?, 'sandbox', 'OUTBOUND',"
                        + " 'waits', 'QUEUED', ?, 1, ?, ?, ?, 0)", conversation, UUID.randomUUID().toString(),
                Timestamp.from(now.plus(Duration.ofDays(1))), Timestamp.from(now.minusSeconds(90)),
                Timestamp.from(now));
        long waiting = jdbc.queryForObject("select id from message where conversation_id = ? and body = 'waits'",
                Long.class, conversation);
        jdbc.update("insert into outbound_task (id, line_id, attempts, next_attempt_at) values (?, 'sandbox', 1, ?)",
                waiting, Timestamp.from(now.plus(Duration.ofDays(1))));

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            assertThat(meters.get("parley.queue.depth").tag("queue", "outbound").gauge().value()).isGreaterThanOrEqualTo(1);
            assertThat(meters.get("parley.queue.oldest.age").tag("queue", "outbound").timeGauge()
                    .value(TimeUnit.SECONDS)).isGreaterThanOrEqualTo(90);
        });
        assertThat(meters.get("parley.queue.depth").tag("queue", "chart-export").gauge().value()).isZero();
        jdbc.update("update message set status = 'SENT' where id = ?", waiting);
        jdbc.update("delete from outbound_task where id = ?", waiting);
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                assertThat(meters.get("parley.queue.depth").tag("queue", "outbound").gauge().value()).isZero());
        assertThat(get(managementPort, "/actuator/prometheus").body())
                .contains("parley_queue_oldest_age_seconds{application=\"parley\",queue=\"outbound\"}");
    }

    @Test
    void aSignedInStaffMemberIsAnOpenSessionUntilTheSessionEnds() throws Exception {
        staff.firstAdmin("olga", "Olga Admin", "a long password for the admin");
        staff.account("sami", "Sami Staff", "a long password for staff", Role.STAFF);
        double before = openSessions();

        try (HttpBrowser stranger = new HttpBrowser(URI.create("http://localhost:" + port))) {
            assertThat(stranger.get("/login").statusCode()).isEqualTo(200);
            assertThat(openSessions()).as("a session without a sign-in").isEqualTo(before);
        }
        try (HttpBrowser browser = new HttpBrowser(URI.create("http://localhost:" + port))) {
            HttpResponse<String> login = browser.logIn("sami", "a long password for staff");
            assertThat(login.headers().firstValue("Location")).get().asString().doesNotContain("error");
            assertThat(openSessions()).isEqualTo(before + 1);

            // the session times out (what idle logoff and a closed browser come to)
            Context tomcat = (Context) ((TomcatWebServer) web.getWebServer()).getTomcat().getHost().findChildren()[0];
            tomcat.getManager().findSession(browser.sessionId()).expire();
            assertThat(openSessions()).isEqualTo(before);
        }
    }

    private double webhooks(String outcome) {
        var counter = meters.find(WebhookGate.METER).tag("outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }

    private long sends(String outcome) {
        var timer = meters.find(LineGateway.SEND_METER).tag("line", "sandbox").tag("outcome", outcome).timer();
        return timer == null ? 0 : timer.count();
    }

    private double openSessions() {
        return meters.get(StaffSessions.METER).gauge().value();
    }

    private static HttpResponse<String> get(int port, String path) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET()
                    .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
