package org.parley.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.parley.line.LineService;
import org.parley.security.StaffDirectory;
import org.parley.testsupport.SandboxWebhooks;
import org.parley.testsupport.StatementCount;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;

/**
 * What a patient's text costs the database (issue 11): intake on two cores is bound by the work per webhook, so the
 * statements the request of one signed text takes are counted and held to a budget. A count, not a time: it does not depend on the machine.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:statements-per-text;DB_CLOSE_DELAY=-1",
        "parley.plugins.dir=${parley.test.plugins-dir}"})
class StatementsPerTextIT {

    @TestConfiguration
    static class Counting {
        @Bean
        static StatementCount statementCount() {
            return new StatementCount();
        }
    }

    @Autowired
    StaffDirectory directory;
    @Autowired
    LineService lines;
    @LocalServerPort
    int port;

    private String secret;
    /** Provider message ids, unique across the tests (they share one database). */
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    @BeforeEach
    void aPracticeWithItsSandboxLine() {
        if (!directory.hasAnyUser()) {
            directory.createFirstAdmin("admin", "Ada Admin", "a long enough password");
        }
        secret = lines.find("sandbox").orElseThrow().settings().get(SandboxWebhooks.SECRET_SETTING);
    }

    /** The statements the webhook's request thread prepared (background workers that happen to run are left out). */
    private List<String> text(SandboxWebhooks provider, String from) {
        String id = "SM-statements-" + SEQUENCE.incrementAndGet();
        return StatementCount.recording(() -> assertThat(provider.post("sandbox", SandboxWebhooks.SMS, secret,
                        SandboxWebhooks.inboundSms(id, from, "+15555550100",
                                "Can I move my appointment to Friday afternoon")).statusCode()).isEqualTo(200))
                .stream().filter(StatementCount.Prepared::inRequest).map(StatementCount.Prepared::sql).toList();
    }

    @Test
    void aTextIntoAPatientsOpenConversationTakesAtMostFifteenStatements() {
        try (SandboxWebhooks provider = SandboxWebhooks.at(port)) {
            text(provider, "+16465550101");
            text(provider, "+16465550101");
            List<String> statements = text(provider, "+16465550101");
            System.out.println("A text into an open conversation: " + statements.size() + " statements\n  "
                    + String.join("\n  ", statements));
            // 14 before issue 17; one more records the patient's wait for an answer (conversation_waiting, escalation).
            assertThat(statements).hasSizeLessThanOrEqualTo(15);
        }
    }

    @Test
    void aFirstTextFromANewNumberTakesAtMostTwentyThreeStatements() {
        try (SandboxWebhooks provider = SandboxWebhooks.at(port)) {
            text(provider, "+16465550102");
            List<String> statements = text(provider, "+16465550199");
            System.out.println("A first text from a new number: " + statements.size() + " statements\n  "
                    + String.join("\n  ", statements));
            // 20 before issue 17; the wait's row, the routing rules read when a text starts a conversation, and the
            // line's reason picker read then too (a text into an open conversation reads neither).
            assertThat(statements).hasSizeLessThanOrEqualTo(23);
        }
    }
}
