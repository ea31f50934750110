package org.parley.inbox.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.parley.line.LineService;
import org.parley.security.StaffDirectory;
import org.parley.testsupport.SandboxWebhooks;
import org.parley.testsupport.WebhookLoad;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A busy morning: fifty staff have the inbox open while a provider posts 500 signed texts over 32 connections, a
 * third of them from the same few patients at once. Every text is answered 200 or 503 (which a provider retries),
 * never 500, a redirect or silence; every text is stored exactly once; every open inbox shows every conversation
 * with its latest text. (How fast, with and without open inboxes, is the benchmark's job: see README, Performance.)
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:intake-under-load;DB_CLOSE_DELAY=-1",
        "parley.plugins.dir=${parley.test.plugins-dir}"})
class IntakeUnderLoadIT {

    private static final int INBOXES = 50;
    private static final int TEXTS = 500;
    private static final int CONNECTIONS = 32;
    private static final String LINE_NUMBER = "+15555550100";

    @Autowired
    ApplicationContext context;
    @Autowired
    StaffDirectory directory;
    @Autowired
    LineService lines;
    @Autowired
    JdbcTemplate jdbc;
    @LocalServerPort
    int port;

    @Test
    void aBurstOfTextsWithFiftyInboxesOpenIsStoredOnceAndShownEverywhere() {
        if (!directory.hasAnyUser()) {
            directory.createFirstAdmin("admin", "Ada Admin", "a long enough password");
        }
        String secret = lines.find("sandbox").orElseThrow().settings().get(SandboxWebhooks.SECRET_SETTING);
        // Two thirds from patients writing for the first time, a third from three patients sending many at once.
        List<Map<String, String>> texts = new ArrayList<>();
        Map<String, String> bodyOf = new HashMap<>();
        for (int i = 0; i < TEXTS; i++) {
            String from = i % 3 == 0 ? "+1929555000" + (i % 9 / 3) : "+1646555" + String.format("%04d", i);
            String body = "Text " + i + " of the morning";
            texts.add(SandboxWebhooks.inboundSms("SM-load-" + i, from, LINE_NUMBER, body));
            bodyOf.put("SM-load-" + i, body);
        }

        try (OpenInboxes inboxes = new OpenInboxes(context, INBOXES);
             SandboxWebhooks provider = SandboxWebhooks.at(port)) {
            WebhookLoad.Result result = WebhookLoad.run(provider, "sandbox", secret, CONNECTIONS, texts, true);

            assertThat(result.failures()).as("answers other than 200 and 503").isEmpty();
            assertThat(result.statuses()).containsOnlyKeys(200);
            assertThat(jdbc.queryForObject("select count(*) from message where provider_message_id like 'SM-load-%'",
                    Long.class)).isEqualTo(TEXTS);
            assertThat(jdbc.queryForObject("select count(distinct provider_message_id) from message "
                    + "where provider_message_id like 'SM-load-%'", Long.class)).isEqualTo(TEXTS);
            assertThat(jdbc.queryForObject("select count(distinct conversation_id) from message "
                    + "where provider_message_id like 'SM-load-%'", Long.class))
                    .as("one conversation per patient").isEqualTo(TEXTS * 2 / 3 + 3);
            // Each conversation shows the text that arrived last (texts sent at once arrive in any order).
            List<String> latest = jdbc.queryForList("select m.provider_message_id from message m where m.id in "
                    + "(select max(id) from message where provider_message_id like 'SM-load-%' "
                    + "group by conversation_id)", String.class).stream().map(bodyOf::get).toList();

            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
                for (Map<Long, String> shown : inboxes.showing(Duration.ofSeconds(5))) {
                    assertThat(shown.values()).containsAll(latest);
                }
            });
            System.out.printf("IntakeUnderLoadIT: %d texts, %d connections, %d inboxes open: %.0f/s, p50 %.1f ms, "
                            + "p99 %.1f ms, %d answered 503 and retried%n", TEXTS, CONNECTIONS, INBOXES,
                    result.perSecond(), result.percentileMillis(50), result.percentileMillis(99),
                    result.busyAnswers());
        }
    }
}
