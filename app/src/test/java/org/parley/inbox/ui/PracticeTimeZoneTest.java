package org.parley.inbox.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.GridKt;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.Span;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.parley.inbox.InboxFixtures;
import org.parley.practice.PracticeProfiles;
import org.parley.security.StaffDirectory;
import org.parley.testsupport.KaribuTest;
import org.parley.testsupport.MutableClock;
import org.parley.testsupport.TestStaff;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

/** The inbox shows times on the practice's clock, not the server's (often UTC, in a data centre far away). */
@SpringBootTest(properties = {"spring.datasource.url=jdbc:h2:mem:practicezone;DB_CLOSE_DELAY=-1",
        "parley.plugins.dir=${parley.test.plugins-dir}"})
@Import(MutableClock.Config.class)
class PracticeTimeZoneTest extends KaribuTest {

    @Autowired
    StaffDirectory directory;
    @Autowired
    InboxFixtures inbox;
    @Autowired
    PracticeProfiles practice;
    @Autowired
    MutableClock clock;

    @Test
    void aTextThatArrivesAt1605UtcShowsAt0605ForAPracticeInHonolulu() {
        if (!directory.hasAnyUser()) {
            directory.createFirstAdmin("admin", "Ada Admin", "a long enough password");
        }
        loginAs("admin", "ADMIN");
        practice.change(TestStaff.named("admin"), "Island Family Clinic", "Pacific/Honolulu");
        clock.set(Instant.parse("2026-12-07T16:05:00Z"));
        String text = "Is the lab open on Saturday? " + UUID.randomUUID();
        inbox.patientTexts("sandbox", UUID.randomUUID().toString(), "+19292038701", text);

        UI.getCurrent().navigate("");
        InboxView view = _get(InboxView.class);
        long conversation = -1;
        for (int i = 0; i < GridKt._size(view.list); i++) {
            if (GridKt._get(view.list, i).preview().equals(text)) {
                conversation = GridKt._get(view.list, i).id();
            }
        }
        assertThat(conversation).as("the text's row in the list").isPositive();
        UI.getCurrent().navigate("inbox/" + conversation);

        assertThat(_find(Span.class).stream().map(Span::getText))
                .as("the message's time in the thread")
                .anyMatch(shown -> shown.contains("06:05"))
                .noneMatch(shown -> shown.contains("16:05"));
    }
}
