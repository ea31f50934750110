package org.parley.hours.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import java.sql.Timestamp;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.parley.hours.LineHours;
import org.parley.hours.OfficeHours;
import org.parley.practice.PracticeProfiles;
import org.parley.simulator.SandboxCarrier;
import org.parley.testsupport.ActingAs;
import org.parley.testsupport.BrowserTest;
import org.parley.testsupport.MutableClock;
import org.parley.testsupport.TestStaff;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.context.SecurityContextHolderStrategy;

/**
 * In Chromium (issue 17): the line is open weekdays 8 to 5 in New York and the test's clock says Tuesday 8 pm. A
 * patient's text gets exactly one automatic reply, which the admin sees in the inbox's thread as Parley's automatic
 * reply; a second text five minutes later, within the period, gets none. The clock is set before the admin signs in
 * (their one-time code is computed on the same clock) and moves only by the test.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:afterhours-browser;DB_CLOSE_DELAY=-1",
        "parley.plugins.dir=${parley.test.plugins-dir}",
        "parley.outbound.poll-interval=200ms",
        "parley.outbound.messages-per-second-per-line=20",
        "parley.hours.after-hours-reply-period=15m"})
@Import(MutableClock.Config.class)
class AfterHoursReplyBrowserIT extends BrowserTest {

    static final String REPLY = "We are closed; we answer from 8 am. If this is an emergency, call 911.";
    static final String PHONE = "+19292034455";

    @Autowired
    MutableClock clock;
    @Autowired
    OfficeHours officeHours;
    @Autowired
    PracticeProfiles practice;
    @Autowired
    SandboxCarrier carrier;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    SecurityContextHolderStrategy security;

    @Test
    void aTextAfterHoursGetsExactlyOneAutomaticReplyThatTheAdminSeesInTheThread() {
        clock.set(ZonedDateTime.of(2026, 12, 8, 20, 0, 0, 0, ZoneId.of("America/New_York")).toInstant());
        jdbc.update("update line_pace set next_free_at = ?", Timestamp.from(clock.instant()));
        BrowserContext adminBrowser = browser.newContext();
        Page page = adminBrowser.newPage();
        page.setDefaultTimeout(20_000);
        createFirstAdminAndLogIn(page, "admin", "Ada Admin", "a very long passphrase");
        ActingAs.run(security, "admin", "ADMIN", () -> {
            practice.change(TestStaff.named("admin"), "Amboy Family Practice", "America/New_York");
            Map<DayOfWeek, LineHours.Span> week = new EnumMap<>(DayOfWeek.class);
            for (DayOfWeek day : List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY,
                    DayOfWeek.THURSDAY, DayOfWeek.FRIDAY)) {
                week.put(day, new LineHours.Span(LocalTime.of(8, 0), LocalTime.of(17, 0)));
            }
            officeHours.save(TestStaff.named("admin"), new LineHours("sandbox", week, REPLY, null));
        });

        carrier.textPractice("sandbox", PHONE, "Can I get a refill of my inhaler?", null, null, null);
        page.navigate(url("/inbox?view=all"));
        Locator row = page.locator("#conversation-list .conversation-row",
                new Page.LocatorOptions().setHasText("Can I get a refill of my inhaler?"));
        assertThat(row).isVisible(PATIENTLY);
        row.click();
        Locator automatic = page.locator("#thread .bubble.outbound",
                new Page.LocatorOptions().setHasText("Parley (automatic reply)"));
        assertThat(automatic).hasCount(1);
        assertThat(automatic.locator(".text")).hasText(REPLY);
        // It went through the outbound queue to the patient's phone.
        assertThat(automatic.locator(".status")).hasText("delivered", new com.microsoft.playwright.assertions
                .LocatorAssertions.HasTextOptions().setTimeout(20_000));

        clock.advance(Duration.ofMinutes(5));
        carrier.textPractice("sandbox", PHONE, "It's urgent, I'm out of it", null, null, null);
        assertThat(page.locator("#thread .bubble.inbound", new Page.LocatorOptions()
                .setHasText("It's urgent, I'm out of it"))).isVisible(PATIENTLY);
        assertThat(page.locator("#thread .bubble.outbound")).hasCount(1);
        assertThat(page.locator("#thread .bubble.inbound")).hasCount(2);
        screenshot(page, "after-hours-reply-once");
        Assertions.assertThat(carrier.phone(PHONE, 50).stream()
                .filter(entry -> !entry.fromPhone()).toList()).as("the phone got one reply").hasSize(1);
        adminBrowser.close();
    }
}
