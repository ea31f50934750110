package org.parley.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.simulator.SandboxCarrier;
import org.parley.testsupport.ParleyNodes;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Issue 17: a patient's texts that arrive at the same moment on two nodes of one PostgreSQL, outside office hours, get
 * one after-hours reply per period between them: the database decides, not either node.
 */
class TextsOnTwoNodesAtOnceGetOneAfterHoursReplyIT {

    private static final String PATIENT = "+19292037702";
    private static final String REPLY = "We are closed. If this is an emergency, call 911.";
    private static final Duration PERIOD = Duration.ofSeconds(3);
    private static final int ROUNDS = 4;

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
                "parley.outbound.messages-per-second-per-line", "50",
                "parley.hours.after-hours-reply-period", PERIOD.toSeconds() + "s"));
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
    void eachPairOfTextsArrivingTogetherOnTheTwoNodesGetsOneReply() throws Exception {
        JdbcClient db = a.getBean(JdbcClient.class);
        // A line with office hours but no open day: always after hours.
        db.sql("insert into line_after_hours (line_id, reply_text, changed_at, changed_by) values ('sandbox', ?, ?, 't')")
                .params(REPLY, Timestamp.from(Instant.now())).update();
        text(a, "Hello?"); // the conversation exists before the race, as for a patient who writes again

        for (int round = 0; round < ROUNDS; round++) {
            Thread.sleep(PERIOD.toMillis() + 500); // a new period
            CyclicBarrier together = new CyclicBarrier(2);
            CompletableFuture<Void> onA = CompletableFuture.runAsync(() -> text(a, "at once", together));
            CompletableFuture<Void> onB = CompletableFuture.runAsync(() -> text(b, "at once", together));
            CompletableFuture.allOf(onA, onB).get();
        }

        assertThat(db.sql("select count(*) from message where direction = 'INBOUND'").query(Long.class).single())
                .isEqualTo(1 + 2L * ROUNDS);
        List<String> replies = db.sql("select body from message where direction = 'OUTBOUND'")
                .query(String.class).list();
        assertThat(replies).as("one reply for the first text and one per pair").hasSize(1 + ROUNDS);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(db.sql(
                        "select count(*) from sandbox_phone_message where phone_number = ? and direction = 'TO_PHONE'")
                .param(PATIENT).query(Long.class).single()).isEqualTo(1L + ROUNDS));
    }

    private static void text(ConfigurableApplicationContext node, String text, CyclicBarrier together) {
        try {
            together.await();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        text(node, text);
    }

    private static void text(ConfigurableApplicationContext node, String text) {
        assertThat(node.getBean(SandboxCarrier.class).textPractice("sandbox", PATIENT, text, null, null, null)
                .accepted()).isTrue();
    }
}
