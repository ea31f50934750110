package org.parley.getstarted.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.textfield.TextField;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.parley.audit.AuditEntries;
import org.parley.security.Role;
import org.parley.security.StaffDirectory;
import org.parley.template.TemplateService;
import org.parley.testsupport.KaribuTest;
import org.parley.testsupport.TestStaff;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.domain.PageRequest;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Issue 18: a new practice's first admin lands on Get started until it is done or dismissed; each step is done when
 * the data says so and links to its page.
 */
@SpringBootTest(properties = {"spring.datasource.url=jdbc:h2:mem:getstartedview;DB_CLOSE_DELAY=-1",
        "parley.plugins.dir=${parley.test.plugins-dir}", "parley.get-started.land-admins=true"})
class GetStartedViewTest extends KaribuTest {

    @Autowired
    StaffDirectory directory;
    @Autowired
    TemplateService templates;
    @Autowired
    AuditEntries audit;
    @Autowired
    JdbcTemplate jdbc;

    @BeforeEach
    void aNewPracticeWithItsFirstAdmin() {
        if (!directory.hasAnyUser()) {
            directory.createFirstAdmin("admin", "Ada Admin", "a long enough password");
        }
        jdbc.update("delete from get_started_dismissal");
        jdbc.update("delete from message_template");
        loginAs("admin", "ADMIN");
    }

    @Test
    void theFirstAdminLandsOnTheChecklistWhoseStepsFollowTheData() {
        UI.getCurrent().navigate("");

        GetStartedView view = _get(GetStartedView.class);
        assertThat(state("templates")).isEqualTo("To do");
        assertThat(state("test-message")).isEqualTo("To do");
        // the embedded default configures the sandbox line: connected, with its webhook URLs to paste
        assertThat(state("line")).isEqualTo("Done");
        assertThat(_find(step("line"), TextField.class)).isNotEmpty()
                .allSatisfy(url -> assertThat(url.getValue()).contains("/webhooks/sandbox/"));
        assertThat(_get(step("templates"), Anchor.class).getHref()).isEqualTo("admin/templates");
        assertThat(view.progress.getText()).endsWith("steps done.");

        templates.create(TestStaff.named("admin"), "Directions", "We are at 1 Main Street.");
        if (directory.findByUsername("nurse").isEmpty()) {
            directory.createAccount(TestStaff.named("admin"), "nurse", "Nora Nurse", "a long enough password", Role.STAFF);
        }
        UI.getCurrent().navigate("admin/practice");
        UI.getCurrent().navigate("get-started");

        assertThat(state("templates")).isEqualTo("Done");
        assertThat(state("colleagues")).isEqualTo("Done");
    }

    @Test
    void onceDismissedForThePracticeAdminsLandOnTheInboxAndTheDismissalIsAudited() {
        UI.getCurrent().navigate("get-started");
        _click(_get(GetStartedView.class).dismiss);

        assertThat(jdbc.queryForObject("select dismissed_by from get_started_dismissal", String.class))
                .isEqualTo("admin");
        assertThat(audit.newest("GET_STARTED_DISMISSED", PageRequest.of(0, 5))).hasSize(1);

        UI.getCurrent().navigate("admin/practice");
        UI.getCurrent().navigate("");
        assertThat(_find(GetStartedView.class)).isEmpty();

        UI.getCurrent().navigate("get-started");
        GetStartedView again = _get(GetStartedView.class);
        assertThat(again.dismiss.isEnabled()).isFalse();
        assertThat(again.dismissed.getText()).startsWith("Dismissed");
    }

    @Test
    void staffWhoAreNotAdminsNeverLandOnIt() {
        if (directory.findByUsername("nurse").isEmpty()) {
            directory.createAccount(TestStaff.named("admin"), "nurse", "Nora Nurse", "a long enough password", Role.STAFF);
        }
        loginAs("nurse", "STAFF");
        UI.getCurrent().navigate("");

        assertThat(_find(GetStartedView.class)).isEmpty();
    }

    private static ListItem step(String id) {
        return _get(ListItem.class, spec -> spec.withId("get-started-" + id));
    }

    private static String state(String id) {
        return _find(step(id), Span.class).stream()
                .filter(span -> span.hasClassName("parley-step-done") || span.hasClassName("parley-step-todo"))
                .findFirst().orElseThrow().getText();
    }
}
