package org.parley.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.conversation.ConversationService;
import org.parley.conversation.Direction;
import org.parley.conversation.MessageView;
import org.parley.lists.InboxListSummary;
import org.parley.lists.ListService;
import org.parley.routing.ReasonPicker;
import org.parley.routing.ReasonPickers;
import org.parley.simulator.SandboxCarrier;
import org.parley.testsupport.ActingAs;
import org.parley.testsupport.ParleyNodes;
import org.parley.testsupport.TestStaff;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.context.SecurityContextHolderStrategy;

/**
 * Issue 17, the reason picker with two nodes on one PostgreSQL: a new conversation's first texts arriving at the same
 * moment on both nodes are asked once, and answers arriving together on both nodes route the conversation once, with
 * one acknowledgement. The database decides (conditional updates of the conversation's row), not either node.
 */
class AReasonPickerAsksAndRoutesOnceAcrossTwoNodesIT {

    private static final String QUESTION = "To get your message to the right person, reply with a number:";
    private static final int ROUNDS = 3;

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
                "parley.outbound.messages-per-second-per-line", "50"));
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
    void firstTextsTogetherAreAskedOnceAndAnswersTogetherRouteOnce() throws Exception {
        JdbcClient db = a.getBean(JdbcClient.class);
        SecurityContextHolderStrategy security = a.getBean(SecurityContextHolderStrategy.class);
        InboxListSummary[] lists = new InboxListSummary[2];
        ActingAs.run(security, "admin", "ADMIN", () -> {
            lists[0] = a.getBean(ListService.class).create(TestStaff.named("admin"), "Pharmacy");
            lists[1] = a.getBean(ListService.class).create(TestStaff.named("admin"), "Front desk");
            a.getBean(ReasonPickers.class).save(TestStaff.named("admin"), new ReasonPicker("sandbox", QUESTION, List.of(
                    new ReasonPicker.Reason(1, "Refill", lists[0].id(), null),
                    new ReasonPicker.Reason(2, "Appointment", lists[1].id(), null))));
        });

        for (int round = 0; round < ROUNDS; round++) {
            String patient = "+1929203780" + round;
            together(() -> text(a, patient, "Hello"), () -> text(b, patient, "Hello"));
            long conversation = db.sql("select c.id from conversation c join contact p on p.id = c.contact_id "
                    + "where p.phone_number = ?").param(patient).query(Long.class).single();
            assertThat(outbound(db, conversation)).as("asked once").containsExactly(QUESTION + "\n1 Refill\n2 Appointment");

            together(() -> text(a, patient, "1"), () -> text(b, patient, "2."));
            Integer answer = db.sql("select reason_answer from conversation where id = ?").param(conversation)
                    .query(Integer.class).single();
            Long list = db.sql("select assigned_list_id from conversation where id = ?").param(conversation)
                    .query(Long.class).single();
            assertThat(answer).isIn(1, 2);
            assertThat(list).as("the answer that counted placed it").isEqualTo(lists[answer - 1].id());
            assertThat(outbound(db, conversation)).as("one acknowledgement").hasSize(2).last()
                    .isEqualTo("Thank you: we have passed your message on ("
                            + (answer == 1 ? "Refill" : "Appointment") + ").");
        }
    }

    /** The texts Parley wrote in the conversation (read through the service: bodies are encrypted at rest). */
    private static List<String> outbound(JdbcClient db, long conversation) {
        return a.getBean(ConversationService.class).thread(conversation, 0, 100).stream()
                .filter(m -> m.direction() == Direction.OUTBOUND).map(MessageView::body).toList();
    }

    private static void together(Runnable first, Runnable second) throws Exception {
        CyclicBarrier barrier = new CyclicBarrier(2);
        CompletableFuture.allOf(CompletableFuture.runAsync(() -> await(barrier, first)),
                CompletableFuture.runAsync(() -> await(barrier, second))).get();
    }

    private static void await(CyclicBarrier barrier, Runnable then) {
        try {
            barrier.await();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        then.run();
    }

    private static void text(ConfigurableApplicationContext node, String patient, String text) {
        assertThat(node.getBean(SandboxCarrier.class).textPractice("sandbox", patient, text, null, null, null)
                .accepted()).isTrue();
    }
}
