package org.parley.line.ui;

import static com.github.mvysny.kaributesting.v10.GridKt._getFormattedRow;
import static com.github.mvysny.kaributesting.v10.GridKt._selectRow;
import static com.github.mvysny.kaributesting.v10.GridKt._size;
import static com.github.mvysny.kaributesting.v10.LocatorJ._assertNone;
import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.mvysny.kaributesting.v10.MockAccessDeniedException;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.sidenav.SideNavItem;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.AccessDeniedException;
import com.vaadin.flow.router.RouterLayout;
import com.vaadin.flow.server.VaadinService;
import com.vaadin.flow.server.startup.ApplicationRouteRegistry;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.parley.line.LineService;
import org.parley.security.Role;
import org.parley.security.StaffFixtures;
import org.parley.security.ui.LoginView;
import org.parley.testsupport.KaribuTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

@SpringBootTest(properties = {"spring.datasource.url=jdbc:h2:mem:adminviews;DB_CLOSE_DELAY=-1",
        "parley.plugins.dir=${parley.test.plugins-dir}"})
class LinesViewTest extends KaribuTest {

    @Autowired
    StaffFixtures staff;
    @Autowired
    LineService lines;

    @BeforeEach
    void accountsExist() {
        staff.firstAdmin("admin", "Ada Admin", "a long enough password");
        staff.account("nurse", "Nora Nurse", "a nurse's long password", Role.STAFF);
    }

    private LinesView openAsAdmin() {
        loginAs("admin", "ADMIN");
        UI.getCurrent().navigate("admin/lines");
        return _get(LinesView.class);
    }

    /**
     * Karibu registers routes but not {@code @Layout}s; Vaadin's Spring integration registers MainLayout at
     * start, so the test does the same (MainLayout is package-private in another package).
     */
    @SuppressWarnings("unchecked")
    private static void withTheMainLayout() {
        try {
            ApplicationRouteRegistry.getInstance(VaadinService.getCurrent().getContext()).setLayout(
                    (Class<? extends RouterLayout>) Class.forName("org.parley.base.ui.MainLayout"));
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int rowOf(LinesView view, String lineId) {
        return IntStream.range(0, _size(view.grid))
                .filter(i -> _getFormattedRow(view.grid, i).getFirst().equals(lineId)).findFirst()
                .orElseThrow(() -> new AssertionError("the lines list has no line '" + lineId + "'"));
    }

    @Test
    void anAdminSeesTheConfiguredSandboxLine() {
        LinesView view = openAsAdmin();

        assertThat(_getFormattedRow(view.grid, rowOf(view, "sandbox")))
                .containsExactly("sandbox", "Sandbox line", "+15555550100", "sandbox");
    }

    @Test
    void selectingALineShowsItsSettingsWithTheSecretHiddenAndItsWebhookUrls() {
        LinesView view = openAsAdmin();

        _selectRow(view.grid, rowOf(view, "sandbox"));

        assertThat(_get(view.editor, H3.class, spec -> spec.withText("Line sandbox"))).isNotNull();
        TextField id = _get(view.editor, TextField.class, spec -> spec.withId("line-id"));
        assertThat(id.getValue()).isEqualTo("sandbox");
        assertThat(id.isReadOnly()).as("the id is in webhook URLs and cannot change").isTrue();

        PasswordField secret = _get(view.editor, PasswordField.class, spec -> spec.withLabel("Signing secret"));
        assertThat(secret.getValue()).isEmpty();
        assertThat(secret.getPlaceholder()).contains("stored");
        assertThat(secret.isRevealButtonVisible()).isFalse();
        assertThat(_find(view.editor, TextField.class, spec -> spec.withLabel("Carrier URL"))).hasSize(1);
        // The stored secret appears in no field of the page.
        String stored = lines.find("sandbox").orElseThrow().settings().get("signingSecret");
        assertThat(_find(view.editor, TextField.class)).extracting(TextField::getValue).doesNotContain(stored);

        List<TextField> webhooks = _find(view.editor, TextField.class, spec -> spec.withClasses("webhook-url"));
        assertThat(webhooks).extracting(TextField::getLabel).containsExactly("sms", "status", "voice", "recording", "transcription");
        assertThat(webhooks).allSatisfy(url -> assertThat(url.isReadOnly()).isTrue());
        assertThat(webhooks.get(0).getValue()).startsWith("http").endsWith("/webhooks/sandbox/sms");
        assertThat(webhooks.get(1).getValue()).startsWith("http").endsWith("/webhooks/sandbox/status");
    }

    @Test
    void addingALineWithABadNumberShowsWhatIsWrongAndSavesNothing() {
        LinesView view = openAsAdmin();
        int before = _size(view.grid);

        _click(_get(Button.class, spec -> spec.withId("add-line")));
        _setValue(_get(view.editor, TextField.class, spec -> spec.withId("line-id")), "bad-number");
        _setValue(_get(view.editor, TextField.class, spec -> spec.withId("line-number")), "+1 23");
        _setValue(_get(view.editor, ComboBox.class, spec -> spec.withLabel("Provider")), "sandbox");
        _click(_get(Button.class, spec -> spec.withId("save-line")));

        assertThat(_get(Span.class, spec -> spec.withId("line-error")).getText())
                .isEqualTo("The line's number must be in international format, e.g. +19292038684.");
        assertThat(_size(view.grid)).isEqualTo(before);
        assertThat(lines.find("bad-number")).isEmpty();
    }

    @Test
    void addingALineWithTheSecretLeftBlankListsItWithAGeneratedSecretAndItsWebhookUrls() {
        LinesView view = openAsAdmin();

        _click(_get(Button.class, spec -> spec.withId("add-line")));
        assertThat(_get(view.editor, H3.class).getText()).isEqualTo("New line");
        _setValue(_get(view.editor, TextField.class, spec -> spec.withId("line-id")), "front-desk");
        _setValue(_get(view.editor, TextField.class, spec -> spec.withLabel("Name")), "Front desk");
        _setValue(_get(view.editor, TextField.class, spec -> spec.withId("line-number")), "+1 (929) 203-0140");
        _setValue(_get(view.editor, ComboBox.class, spec -> spec.withLabel("Provider")), "sandbox");
        PasswordField secret = _get(view.editor, PasswordField.class, spec -> spec.withLabel("Signing secret"));
        assertThat(secret.getPlaceholder()).isEqualTo("leave blank to generate");
        _click(_get(Button.class, spec -> spec.withId("save-line")));

        assertThat(_get(Span.class, spec -> spec.withId("line-error")).getText()).isEmpty();
        assertThat(_getFormattedRow(view.grid, rowOf(view, "front-desk")))
                .containsExactly("front-desk", "Front desk", "+19292030140", "sandbox");
        assertThat(_get(view.editor, H3.class, spec -> spec.withText("Line front-desk"))).isNotNull();
        assertThat(_get(view.editor, PasswordField.class, spec -> spec.withLabel("Signing secret")).getPlaceholder())
                .contains("stored");
        assertThat(_find(view.editor, TextField.class, spec -> spec.withClasses("webhook-url")))
                .extracting(TextField::getValue)
                .allSatisfy(url -> assertThat(url).contains("/webhooks/front-desk/"));
        assertThat(lines.find("front-desk").orElseThrow().settings().get("signingSecret")).isNotBlank();
    }

    @Test
    void staffAreRefusedTheLinesPage() {
        loginAs("nurse", "STAFF");

        // Karibu turns Vaadin's "access denied" error page into this exception.
        assertThatThrownBy(() -> UI.getCurrent().navigate("admin/lines"))
                .isInstanceOf(MockAccessDeniedException.class)
                .hasRootCauseInstanceOf(AccessDeniedException.class);
        _assertNone(LinesView.class);
    }

    @Test
    void theMenuOffersAdminsLinesAndPlugins() {
        withTheMainLayout();
        loginAs("admin", "ADMIN");

        UI.getCurrent().navigate("");

        assertThat(_find(SideNavItem.class)).extracting(SideNavItem::getLabel).contains("Inbox", "Lines", "Plugins");
    }

    @Test
    void theMenuOffersStaffNeitherLinesNorPlugins() {
        withTheMainLayout();
        loginAs("nurse", "STAFF");

        UI.getCurrent().navigate("");

        assertThat(_get(Span.class, spec -> spec.withId("current-staff")).getText()).isEqualTo("Nora Nurse");
        assertThat(_find(SideNavItem.class)).extracting(SideNavItem::getLabel).contains("Inbox")
                .doesNotContain("Lines", "Plugins");
    }

    @Test
    void aVisitorWhoIsNotLoggedInIsSentToTheLogin() {
        UI.getCurrent().navigate("admin/lines");

        _assertNone(LinesView.class);
        assertThat(_get(LoginView.class)).isNotNull();
    }
}
