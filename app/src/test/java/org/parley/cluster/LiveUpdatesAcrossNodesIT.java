package org.parley.cluster;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.AriaRole;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.base.NodeId;
import org.parley.line.LineService;
import org.parley.lists.InboxListSummary;
import org.parley.lists.ListService;
import org.parley.notify.Channels;
import org.parley.notify.NotificationPreferences;
import org.parley.security.Role;
import org.parley.security.StaffFixtures;
import org.parley.security.StaffMember;
import org.parley.testsupport.ActingAs;
import org.parley.testsupport.BrowserTest;
import org.parley.testsupport.ParleyNodes;
import org.parley.testsupport.SandboxWebhooks;
import org.parley.testsupport.TestStaff;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.core.context.SecurityContextHolderStrategy;

/**
 * Two nodes on one PostgreSQL, as behind a load balancer: a patient's text taken in by node A shows live in an inbox
 * that node B serves; B listens again after its connection is cut and its open inbox catches up with what it missed;
 * and what travels between them names no patient. A connection of the test's own LISTENs along and keeps every
 * payload.
 */
class LiveUpdatesAcrossNodesIT {

    private static final String PASSWORD = "a very long passphrase";
    private static final String CHANNEL = "parley_live_updates";
    private static final LocatorAssertions.IsVisibleOptions PATIENTLY =
            new LocatorAssertions.IsVisibleOptions().setTimeout(20_000);

    @TempDir
    static Path shared;
    static ParleyNodes nodes;
    static ConfigurableApplicationContext a;
    static ConfigurableApplicationContext b;
    static Playwright playwright;
    static Browser browser;
    static StaffMember dana;
    static long frontDesk;
    static String secret;
    static Connection eavesdropper;
    static final List<String> payloads = new CopyOnWriteArrayList<>();

    BrowserContext danasBrowser;

    @BeforeAll
    static void startTwoNodesAndABrowser() throws SQLException {
        nodes = new ParleyNodes(shared, Map.of("parley.plugins.dir", System.getProperty("parley.test.plugins-dir")));
        a = nodes.start("a", Map.of());
        // B waits 5 s before it listens again after a drop: time for a change it must miss.
        b = nodes.start("b", Map.of("parley.live-updates.reconnect", "5s", "parley.live-updates.max-reconnect", "5s"));
        StaffFixtures staff = a.getBean(StaffFixtures.class);
        StaffMember ada = staff.account("ada", "Ada Admin", PASSWORD, Role.ADMIN);
        dana = staff.account("dana", "Dana Front", PASSWORD, Role.STAFF);
        ListService lists = a.getBean(ListService.class);
        frontDesk = ActingAs.call(a.getBean(SecurityContextHolderStrategy.class), "ada", "ADMIN", () -> {
            InboxListSummary list = lists.create(TestStaff.named("ada"), "Front Desk");
            lists.setMembers(TestStaff.named("ada"), list.id(), Set.of(ada.id(), dana.id()));
            lists.setDefaultList(TestStaff.named("ada"), "sandbox", list.id());
            return list.id();
        });
        secret = a.getBean(LineService.class).find("sandbox").orElseThrow().settings()
                .get(SandboxWebhooks.SECRET_SETTING);
        eavesdropper = DriverManager.getConnection(nodes.jdbcUrl());
        try (Statement listen = eavesdropper.createStatement()) {
            listen.execute("LISTEN " + CHANNEL);
        }
        playwright = Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        browser = BrowserTest.launchChromium(playwright);
    }

    @AfterAll
    static void stop() throws SQLException {
        if (browser != null) {
            browser.close();
        }
        if (playwright != null) {
            playwright.close();
        }
        if (eavesdropper != null) {
            eavesdropper.close();
        }
        if (nodes != null) {
            nodes.close();
        }
    }

    @AfterEach
    void closeTheBrowser() {
        if (danasBrowser != null) {
            danasBrowser.close();
        }
    }

    @Test
    void aSignedWebhookReceivedByNodeAAppearsLiveInAnInboxServedByNodeB() {
        Page inbox = frontDeskOnNodeB();
        String text = "Is my prescription ready? " + UUID.randomUUID();
        assertThat(row(inbox, text)).isHidden();

        assertThat(patientTextsNodeA(number(), text).statusCode()).isEqualTo(200);

        assertThat(row(inbox, text)).isVisible(PATIENTLY);
    }

    @Test
    void nodeBListensAgainAfterItsConnectionIsKilledAndItsOpenInboxCatchesUpWithWhatItMissed() throws Exception {
        Page inbox = frontDeskOnNodeB();
        String node = b.getBean(NodeId.class).value();
        try (Connection db = DriverManager.getConnection(nodes.jdbcUrl())) {
            List<Long> before = listenersOf(db, node);
            assertThat(before).as("node B listens on one connection of its own").hasSize(1);
            try (Statement kill = db.createStatement()) {
                kill.execute("select pg_terminate_backend(" + before.getFirst() + ")");
            }
            await().atMost(Duration.ofSeconds(5)).until(() -> listenersOf(db, node).isEmpty());

            String missed = "Sent while node B was not listening " + UUID.randomUUID();
            assertThat(patientTextsNodeA(number(), missed).statusCode()).isEqualTo(200);
            assertThat(listenersOf(db, node)).as("node B was still not listening when A's news went out")
                    .isEmpty();

            // Only the resync after B listens again can bring it: its notification went out to nobody on B.
            assertThat(row(inbox, missed)).isVisible(PATIENTLY);
            List<Long> after = listenersOf(db, node);
            assertThat(after).hasSize(1).doesNotContainAnyElementsOf(before);

            String later = "Sent after node B listens again " + UUID.randomUUID();
            assertThat(patientTextsNodeA(number(), later).statusCode()).isEqualTo(200);
            assertThat(row(inbox, later)).isVisible(PATIENTLY);
        }
    }

    @Test
    void whatTravelsBetweenNodesNamesNeitherTheMessageNorThePatientsNumber() throws Exception {
        a.getBean(NotificationPreferences.class).chooseForList(dana, frontDesk, new Channels(false, true));
        String number = number();
        String text = "My rash ZQ-" + ThreadLocalRandom.current().nextInt(1000, 9999) + " got worse";

        assertThat(patientTextsNodeA(number, text).statusCode()).isEqualTo(200);

        // The text's own changes and Dana's pop-up (worked by either node's notification queue) went out.
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            collectPayloads();
            assertThat(payloads).anyMatch(p -> p.contains("conversation.ConversationChanged"))
                    .anyMatch(p -> p.contains("notify.DesktopNotification") && p.contains("\"staffId\":" + dana.id()));
        });
        String digits = number.substring(2);
        assertThat(payloads).allSatisfy(payload -> assertThat(payload)
                .doesNotContain(text).doesNotContain("ZQ-").doesNotContain("rash")
                .doesNotContain(digits).doesNotContain(digits.substring(3))
                .doesNotContain("Front Desk").doesNotContain("Dana"));
    }

    private Page frontDeskOnNodeB() {
        danasBrowser = browser.newContext();
        Page page = danasBrowser.newPage();
        page.setDefaultTimeout(20_000);
        String nodeB = "http://localhost:" + ParleyNodes.port(b);
        page.navigate(nodeB + "/login");
        page.locator("input[name=username]").fill("dana");
        page.locator("input[name=password]").fill(PASSWORD);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Log in")).click();
        // A node's first sign-in after start is slow on a shared machine.
        assertThat(page.locator("#current-staff")).hasText("Dana Front",
                new LocatorAssertions.HasTextOptions().setTimeout(30_000));
        page.navigate(nodeB + "/inbox?view=list-" + frontDesk);
        assertThat(page.locator("#conversation-list")).isVisible(PATIENTLY);
        return page;
    }

    private static HttpResponse<String> patientTextsNodeA(String from, String text) {
        try (SandboxWebhooks webhooks = SandboxWebhooks.at(ParleyNodes.port(a))) {
            return webhooks.post("sandbox", SandboxWebhooks.SMS, secret,
                    SandboxWebhooks.inboundSms("SM-" + UUID.randomUUID(), from, "+15555550100", text));
        }
    }

    private static Locator row(Page page, String text) {
        return page.locator("#conversation-list .conversation-row", new Page.LocatorOptions().setHasText(text));
    }

    /** The server processes of a node's listening connection (named after the node). */
    private static List<Long> listenersOf(Connection db, String node) throws SQLException {
        List<Long> pids = new ArrayList<>();
        try (Statement query = db.createStatement();
             ResultSet rows = query.executeQuery("select pid from pg_stat_activity where application_name = "
                     + "'parley-live-updates " + node + "'")) {
            while (rows.next()) {
                pids.add(rows.getLong(1));
            }
        }
        return pids;
    }

    private static synchronized void collectPayloads() throws SQLException {
        PGNotification[] arrived = eavesdropper.unwrap(PGConnection.class).getNotifications(500);
        if (arrived != null) {
            for (PGNotification notification : arrived) {
                payloads.add(notification.getParameter());
            }
        }
    }

    private static String number() {
        return "+1929555" + ThreadLocalRandom.current().nextInt(1000, 9999);
    }
}
