package org.parley;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.parley.inbox.ConversationSearch;
import org.parley.inbox.Inbox;
import org.parley.inbox.InboxService;
import org.parley.security.StaffDirectory;
import org.parley.security.StaffMember;
import org.parley.testsupport.BrowserTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Measures the inbox on demo data: in every build on a small practice (2,000 patients), and at a practice's scale
 * when asked: {@code ./mvnw -pl plugin-api,app verify -Dtest=none -Dit.test=InboxAtScaleIT
 * -Dparley.scale.patients=100000 -Dparley.scale.messages=1000000}. Prints the timings and fails when opening the
 * inbox or a search takes longer than a person would wait.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:scale;DB_CLOSE_DELAY=-1",
        "parley.plugins.dir=${parley.test.plugins-dir}",
        "parley.demo.patients=${parley.scale.patients:2000}",
        "parley.demo.messages=${parley.scale.messages:20000}"})
class InboxAtScaleIT extends BrowserTest {

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    InboxService inbox;
    @Autowired
    StaffDirectory directory;

    private static long millis(Runnable action) {
        long start = System.nanoTime();
        action.run();
        return Duration.ofNanos(System.nanoTime() - start).toMillis();
    }

    @Test
    void theInboxOpensAndSearchesQuicklyAtAPracticesScale() {
        long patients = jdbc.queryForObject("select count(*) from contact", Long.class);
        assertThat(patients).isGreaterThanOrEqualTo(2000);
        long messages = jdbc.queryForObject("select count(*) from message", Long.class);
        BrowserContext context = browser.newContext();
        Page page = context.newPage();
        page.setDefaultTimeout(60_000);
        createFirstAdminAndLogIn(page, "admin", "Ada Admin", "a very long passphrase");
        StaffMember admin = directory.findByUsername("admin").orElseThrow();

        Map<String, Long> timings = new LinkedHashMap<>();
        timings.put("browser: open the inbox until the first rows show", millis(() -> {
            page.navigate(url("/inbox"));
            assertThat(page.locator("#conversation-list .conversation-row").first()).isVisible(PATIENTLY);
        }));
        timings.put("browser: open Closed (most conversations)", millis(() -> {
            page.locator("[data-view=closed]").click();
            assertThat(page.locator("#inbox-title")).hasText("Closed");
            assertThat(page.locator("#conversation-list .conversation-row").first()).isVisible(PATIENTLY);
        }));
        timings.put("service: All open count", millis(() -> inbox.count(admin, new Inbox.AllOpen())));
        timings.put("service: Closed count", millis(() -> inbox.count(admin, new Inbox.Closed())));
        timings.put("service: Closed, page 100 of 50", millis(() ->
                inbox.conversations(admin, new Inbox.Closed(), 5000, 50)));
        timings.put("service: search a last name", millis(() ->
                inbox.search(admin, ConversationSearch.forText("Okafor"), 0, 50)));
        timings.put("service: search a phone number", millis(() ->
                inbox.search(admin, ConversationSearch.forText("(929) 500-0042"), 0, 50)));
        timings.put("service: search two message words", millis(() ->
                inbox.search(admin, ConversationSearch.forText("insurance changed"), 0, 50)));

        System.out.printf("%nInbox at scale: %d contacts, %d messages%n", patients, messages);
        timings.forEach((what, ms) -> System.out.printf("  %-55s %6d ms%n", what, ms));
        screenshot(page, "inbox-at-scale");
        context.close();
        assertThat(timings.values()).allMatch(ms -> ms < 10_000);
    }
}
