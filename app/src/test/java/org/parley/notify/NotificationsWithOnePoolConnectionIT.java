package org.parley.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.parley.line.LineService;
import org.parley.lists.InboxListSummary;
import org.parley.lists.ListService;
import org.parley.security.StaffDirectory;
import org.parley.security.StaffFixtures;
import org.parley.security.StaffMember;
import org.parley.testsupport.ActingAs;
import org.parley.testsupport.SandboxWebhooks;
import org.parley.testsupport.TestStaff;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.security.core.context.SecurityContextHolderStrategy;

/**
 * Intake and notifications with a connection pool of one: the webhook's thread stores the message and its
 * notification on its one connection and hands over; nothing it does, before or after its commit, needs a second
 * connection. A listener that opened a transaction of its own after the commit, in the request's thread, would wait
 * for the very connection its thread still holds, time out, and the notification would be lost.
 */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:notify-one-connection;DB_CLOSE_DELAY=-1",
        "parley.plugins.dir=${parley.test.plugins-dir}",
        // Flyway holds a lock on one connection while it migrates on another: it gets connections of its own.
        "spring.flyway.url=jdbc:h2:mem:notify-one-connection;DB_CLOSE_DELAY=-1",
        "spring.flyway.user=parley",
        "spring.flyway.password=",
        "spring.datasource.hikari.maximum-pool-size=1",
        "spring.datasource.hikari.connection-timeout=5000"})
@Import(PopUpsDelivered.Config.class)
class NotificationsWithOnePoolConnectionIT {

    private static final int PATIENTS = 6;

    @LocalServerPort
    int port;
    @Autowired
    LineService lines;
    @Autowired
    StaffFixtures fixtures;
    @Autowired
    StaffDirectory directory;
    @Autowired
    ListService lists;
    @Autowired
    SecurityContextHolderStrategy security;
    @Autowired
    PopUpsDelivered popUps;
    @Autowired
    NotifyFixtures queues;

    @Test
    void patientsTextingAtOnceAreAllAnsweredAndEverySubscriberHearsOfEachText(CapturedOutput output)
            throws Exception {
        StaffMember ada = ActingAs.call(security, "ada", "ADMIN", () -> {
            fixtures.firstAdmin("ada", "Ada Admin", "a long enough password");
            StaffMember admin = directory.findByUsername("ada").orElseThrow();
            InboxListSummary frontDesk = lists.create(TestStaff.named("ada"), "Front Desk");
            lists.setMembers(TestStaff.named("ada"), frontDesk.id(), Set.of(admin.id()));
            lists.setDefaultList(TestStaff.named("ada"), "sandbox", frontDesk.id());
            return admin;
        });
        String secret = lines.find("sandbox").orElseThrow().settings().get(SandboxWebhooks.SECRET_SETTING);

        List<Integer> answers;
        try (SandboxWebhooks webhooks = SandboxWebhooks.at(port);
             ExecutorService carrier = Executors.newFixedThreadPool(PATIENTS)) {
            List<Future<HttpResponse<String>>> posts = IntStream.range(0, PATIENTS)
                    .mapToObj(i -> carrier.submit(() -> webhooks.post("sandbox", SandboxWebhooks.SMS, secret,
                            SandboxWebhooks.inboundSms("SM-" + UUID.randomUUID(), "+1929555010" + i, "+15555550100",
                                    "am I due for a flu shot?"))))
                    .toList();
            answers = posts.stream().map(post -> {
                try {
                    return post.get().statusCode();
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            }).toList();
        }

        assertThat(answers).containsOnly(200).hasSize(PATIENTS);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(popUps.to(ada.id()))
                .extracting(DesktopNotification::conversationId).doesNotHaveDuplicates().hasSize(PATIENTS));
        queues.awaitQueued(Duration.ofSeconds(30));
        assertThat(output.getAll()).doesNotContain("Connection is not available")
                .doesNotContain("CannotCreateTransactionException")
                .doesNotContain("Notification task");
    }
}
