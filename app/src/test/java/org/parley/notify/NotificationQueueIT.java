package org.parley.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.parley.base.LeasedQueue;
import org.parley.inbox.InboxFixtures;
import org.parley.lists.InboxListSummary;
import org.parley.lists.ListService;
import org.parley.security.StaffDirectory;
import org.parley.security.StaffFixtures;
import org.parley.security.StaffMember;
import org.parley.testsupport.ActingAs;
import org.parley.testsupport.MutableClock;
import org.parley.testsupport.TestStaff;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The durable notification queue on the whole app (H2): a notification committed with the patient's message is
 * delivered although no worker ran at the commit (as after a crash right after it), a task another node holds under
 * a live lease is left to it and taken over once the lease runs out, and a mail server that never answers holds up
 * neither intake nor desktop pop-ups. Pop-ups are observed where {@code LiveUpdates} observes them (after the
 * worker's commit); time is moved by hand.
 */
@SpringBootTest(properties = {
        "spring.datasource.url=jdbc:h2:mem:notify-queue;DB_CLOSE_DELAY=-1",
        "parley.plugins.dir=${parley.test.plugins-dir}",
        "parley.public-base-url=https://parley.example.org",
        "parley.notify.lease=2m",
        "spring.mail.host=127.0.0.1",
        // a mail server that accepts and never answers holds the e-mail thread this long
        "spring.mail.properties[mail.smtp.timeout]=20000"})
@Import({MutableClock.Config.class, PopUpsDelivered.Config.class})
class NotificationQueueIT {

    static SilentMailServer silentMailServer;

    @Autowired
    InboxNotifications notifications;
    @Autowired
    InboxFixtures inbox;
    @Autowired
    PopUpsDelivered popUps;
    @Autowired
    StaffFixtures fixtures;
    @Autowired
    StaffDirectory directory;
    @Autowired
    ListService lists;
    @Autowired
    NotificationPreferences preferences;
    @Autowired
    SecurityContextHolderStrategy security;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    TransactionTemplate tx;
    @Autowired
    MutableClock clock;

    StaffMember ada;
    InboxListSummary frontDesk;

    @BeforeAll
    static void startSilentMailServer() throws IOException {
        silentMailServer = new SilentMailServer();
    }

    @AfterAll
    static void stopSilentMailServer() {
        silentMailServer.close();
    }

    @DynamicPropertySource
    static void mailServer(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.port", () -> silentMailServer.port());
    }

    @BeforeEach
    void adaSubscribesToTheLinesList() {
        // A time with digits below the microsecond, which timestamp(6) columns cannot keep: a row queued "now" must
        // still be due now, with the clock held still.
        clock.set(clock.instant().truncatedTo(ChronoUnit.MICROS).plusNanos(999));
        ActingAs.run(security, "ada", "ADMIN", () -> {
            fixtures.firstAdmin("ada", "Ada Admin", "a long enough password");
            ada = directory.findByUsername("ada").orElseThrow();
            frontDesk = lists.create(TestStaff.named("ada"), "Front Desk " + UUID.randomUUID().toString().substring(0, 8));
            lists.setMembers(TestStaff.named("ada"), frontDesk.id(), Set.of(ada.id()));
            lists.setDefaultList(TestStaff.named("ada"), "sandbox", frontDesk.id());
        });
    }

    @Test
    void aMessageCommittedWhileNoWorkerRanIsAnnouncedOnceAWorkerStarts() {
        // As after a crash right after the commit: the wake-up is gone with the process, the row is not.
        notifications.stop();
        QueuedTask task;
        try {
            long before = lastTaskId();
            inbox.patientTexts("sandbox", UUID.randomUUID().toString(), number(), "is the clinic open today?");
            task = taskAfter(before);
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
                    .until(() -> popUps.about(task.conversationId()).isEmpty());
        } finally {
            notifications.start();
        }

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(popUps.about(task.conversationId()))
                .singleElement().satisfies(popUp -> {
                    assertThat(popUp.staffId()).isEqualTo(ada.id());
                    assertThat(popUp.listId()).isEqualTo(frontDesk.id());
                }));
        assertThat(taskExists(task.id())).as("the delivered task is gone").isFalse();
    }

    @Test
    void aTaskLeasedByAnotherLiveNodeIsLeftToItAndTakenOverWhenItsLeaseRunsOut() {
        notifications.stop();
        try {
            long before = lastTaskId();
            inbox.patientTexts("sandbox", UUID.randomUUID().toString(), number(), "my prescription ran out");
            QueuedTask task = taskAfter(before);
            LeasedQueue otherNode = new LeasedQueue(jdbc, tx, NotificationTasks.TABLE, "node-other", clock,
                    Duration.ofMinutes(2));
            LeasedQueue.Lease theirs = otherNode.claim(task.id()).orElseThrow();

            clock.advance(Duration.ofMinutes(1));
            notifications.deliverDueNow();

            assertThat(leaseOwner(task.id())).as("the other node's lease holds").isEqualTo("node-other");
            assertThat(popUps.about(task.conversationId())).isEmpty();

            clock.advance(Duration.ofMinutes(1).plusSeconds(1));
            notifications.deliverDueNow();

            assertThat(popUps.about(task.conversationId())).singleElement()
                    .satisfies(popUp -> assertThat(popUp.staffId()).isEqualTo(ada.id()));
            assertThat(taskExists(task.id())).isFalse();
            assertThat(otherNode.finish(theirs)).as("the other node, back after its lease, finishes nothing")
                    .isFalse();
        } finally {
            notifications.start();
        }
    }

    @Test
    void aMailServerThatNeverAnswersHoldsUpNeitherIntakeNorPopUps() {
        ActingAs.run(security, "ada", "ADMIN", () -> directory.setEmail(TestStaff.named("ada"), ada.id(), "ada@practice.example.org"));
        preferences.chooseForList(ada, frontDesk.id(), new Channels(true, true));
        int connectionsBefore = silentMailServer.accepted();

        inbox.patientTexts("sandbox", UUID.randomUUID().toString(), number(), "first patient");
        await().atMost(Duration.ofSeconds(10)).until(() -> popUpsInFrontDesk() == 1);
        // The e-mail thread is now waiting for the silent server's greeting (20 s).
        await().atMost(Duration.ofSeconds(10)).until(() -> silentMailServer.accepted() > connectionsBefore);

        long posted = System.nanoTime();
        inbox.patientTexts("sandbox", UUID.randomUUID().toString(), number(), "second patient");
        Duration intake = Duration.ofNanos(System.nanoTime() - posted);
        await().atMost(Duration.ofSeconds(5)).until(() -> popUpsInFrontDesk() == 2);
        Duration untilPopUp = Duration.ofNanos(System.nanoTime() - posted);

        assertThat(intake).isLessThan(Duration.ofSeconds(5));
        assertThat(untilPopUp).isLessThan(Duration.ofSeconds(5));
        assertThat(leasedEmails()).as("the first e-mail is still with the silent server").isEqualTo(1);
        assertThat(silentMailServer.accepted()).isEqualTo(connectionsBefore + 1);
        assertThat(jdbc.sql("select count(*) from notification_email where staff_user_id = ?").param(ada.id())
                .query(Long.class).single()).as("both e-mails wait in the database").isEqualTo(2);
    }

    private record QueuedTask(long id, long conversationId) {
    }

    private long lastTaskId() {
        return jdbc.sql("select coalesce(max(id), 0) from notification_task").query(Long.class).single();
    }

    /** The one task written since {@code before}. */
    private QueuedTask taskAfter(long before) {
        List<QueuedTask> written = jdbc.sql("select id, conversation_id from notification_task where id > ?")
                .param(before).query((rs, n) -> new QueuedTask(rs.getLong(1), rs.getLong(2))).list();
        assertThat(written).as("the message's notification task, committed with it").hasSize(1);
        return written.getFirst();
    }

    private boolean taskExists(long id) {
        return jdbc.sql("select count(*) from notification_task where id = ?").param(id).query(Long.class)
                .single() > 0;
    }

    private String leaseOwner(long id) {
        return jdbc.sql("select lease_owner from notification_task where id = ?").param(id).query(String.class)
                .single();
    }

    private long leasedEmails() {
        return jdbc.sql("select count(*) from notification_email where staff_user_id = ? and lease_owner is not null")
                .param(ada.id()).query(Long.class).single();
    }

    private long popUpsInFrontDesk() {
        return popUps.to(ada.id()).stream().filter(p -> Long.valueOf(frontDesk.id()).equals(p.listId())).count();
    }

    private static String number() {
        return "+1929555" + ThreadLocalRandom.current().nextInt(1000, 9999);
    }

    /** Takes SMTP connections and never says a word: a mail server that hangs. */
    static final class SilentMailServer implements AutoCloseable {

        private final ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        private final List<Socket> held = new CopyOnWriteArrayList<>();

        SilentMailServer() throws IOException {
            Thread.ofPlatform().daemon().name("silent-mail-server").start(() -> {
                while (!socket.isClosed()) {
                    try {
                        held.add(socket.accept());
                    } catch (IOException closed) {
                        return;
                    }
                }
            });
        }

        int port() {
            return socket.getLocalPort();
        }

        int accepted() {
            return held.size();
        }

        @Override
        public void close() {
            try {
                socket.close();
                for (Socket connection : held) {
                    connection.close();
                }
            } catch (IOException ignored) {
                // the test is over
            }
        }
    }
}
