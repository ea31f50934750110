package org.parley.chart.ui;

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
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.sidenav.SideNavItem;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.RouterLayout;
import com.vaadin.flow.server.VaadinService;
import com.vaadin.flow.server.startup.ApplicationRouteRegistry;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.parley.audit.AuditEntries;
import org.parley.chart.ConfiguredExporter;
import org.parley.plugin.ExporterDescriptor;
import org.parley.testsupport.TestStaff;
import org.parley.testsupport.exporter.FakeEhr;
import org.parley.testsupport.exporter.FakeEhrExporter;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.domain.PageRequest;
import org.springframework.security.access.AccessDeniedException;

/** Admins configure chart exporters; the form comes from the plugin's descriptor; staff are refused. */
class ChartExportersViewTest extends ChartKaribuTest {

    @Autowired
    AuditEntries audit;

    private ChartExportersView openAsAdmin() {
        loginAs("admin", "ADMIN");
        UI.getCurrent().navigate("admin/exporters");
        return _get(ChartExportersView.class);
    }

    private static int rowOf(ChartExportersView view, String id) {
        return IntStream.range(0, _size(view.grid))
                .filter(i -> _getFormattedRow(view.grid, i).getFirst().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("no exporter '" + id + "' in the list"));
    }

    @SuppressWarnings("unchecked")
    private static void choosePlugin(String id) {
        ComboBox<ExporterDescriptor> plugin = _get(ComboBox.class, spec -> spec.withId("exporter-plugin"));
        _setValue(plugin, plugin.getListDataView().getItems().filter(d -> d.id().equals(id)).findFirst()
                .orElseThrow());
    }

    private ConfiguredExporter stored(String id) {
        return exporters.all().stream().filter(e -> e.id().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void anAdminAddsAnExporterWithTheSettingsFormDrawnFromItsPluginsDescriptor() {
        ChartExportersView view = openAsAdmin();

        _click(_get(Button.class, spec -> spec.withId("add-exporter")));
        _setValue(_get(TextField.class, spec -> spec.withId("exporter-id")), "second-ehr");
        _setValue(_get(TextField.class, spec -> spec.withId("exporter-name")), "Second EHR");
        choosePlugin(FakeEhrExporter.ID);
        _setValue(_get(TextField.class, spec -> spec.withLabel("EHR URL")), ehr.url());
        PasswordField token = _get(PasswordField.class, spec -> spec.withLabel("Access token"));
        assertThat(token.isRevealButtonVisible()).isFalse();
        _setValue(token, FakeEhr.TOKEN);
        assertThat(_get(Checkbox.class, spec -> spec.withLabel("Return a PDF")).getValue()).isFalse();
        _click(_get(Button.class, spec -> spec.withId("save-exporter")));

        assertThat(_get(Span.class, spec -> spec.withId("exporter-error")).getText()).isEmpty();
        assertThat(_getFormattedRow(view.grid, rowOf(view, "second-ehr")))
                .containsExactly("second-ehr", "Second EHR", FakeEhrExporter.ID, "", "enabled");
        assertThat(stored("second-ehr").settings()).containsEntry("token", FakeEhr.TOKEN)
                .containsEntry("ehrUrl", ehr.url()).containsEntry("documents", "false");
        // the saved exporter is open again: its secret is masked and appears in no field
        assertThat(_get(PasswordField.class, spec -> spec.withLabel("Access token")).getPlaceholder())
                .contains("stored");
        assertThat(_find(TextField.class)).extracting(TextField::getValue).doesNotContain(FakeEhr.TOKEN);
        assertThat(_find(PasswordField.class)).extracting(PasswordField::getValue).doesNotContain(FakeEhr.TOKEN);
        assertThat(audit.newest("CHART_EXPORTER_SAVED", PageRequest.of(0, 20))).anySatisfy(entry -> {
            assertThat(entry.targetId()).isEqualTo("second-ehr");
            assertThat(entry.detail()).isEqualTo("plugin test-ehr").doesNotContain(FakeEhr.TOKEN);
        });
    }

    @Test
    void aSecretLeftBlankIsKeptAndMarkingAnotherDefaultLeavesOneDefault() {
        exporters.save(TestStaff.named("admin"), new ConfiguredExporter("backup-ehr", FakeEhrExporter.ID, "Backup EHR",
                Map.of("ehrUrl", ehr.url(), "token", "the-backup-token"), false, true));
        ChartExportersView view = openAsAdmin();

        _selectRow(view.grid, rowOf(view, "backup-ehr"));
        assertThat(_get(PasswordField.class, spec -> spec.withLabel("Access token")).getValue()).isEmpty();
        _setValue(_get(Checkbox.class, spec -> spec.withId("exporter-default")), true);
        _click(_get(Button.class, spec -> spec.withId("save-exporter")));

        assertThat(stored("backup-ehr").settings()).containsEntry("token", "the-backup-token");
        assertThat(exporters.all()).filteredOn(ConfiguredExporter::isDefault).extracting(ConfiguredExporter::id)
                .containsExactly("backup-ehr");
        assertThat(exporters.choices().getFirst().id()).as("the default comes first").isEqualTo("backup-ehr");
        assertThat(audit.newest("CHART_EXPORTER_DEFAULT", PageRequest.of(0, 20)))
                .anySatisfy(entry -> assertThat(entry.targetId()).isEqualTo("backup-ehr"));
        exporters.save(TestStaff.named("admin"), new ConfiguredExporter("backup-ehr", FakeEhrExporter.ID, "Backup EHR",
                Map.of("ehrUrl", ehr.url()), false, false));
    }

    @Test
    void aBadUrlIsRefusedNamingTheSettingAndNothingIsSaved() {
        openAsAdmin();
        _click(_get(Button.class, spec -> spec.withId("add-exporter")));
        _setValue(_get(TextField.class, spec -> spec.withId("exporter-id")), "bad-url");
        choosePlugin(FakeEhrExporter.ID);
        _setValue(_get(TextField.class, spec -> spec.withLabel("EHR URL")), "ehr.example.org");
        _setValue(_get(PasswordField.class, spec -> spec.withLabel("Access token")), "t");

        _click(_get(Button.class, spec -> spec.withId("save-exporter")));

        assertThat(_get(Span.class, spec -> spec.withId("exporter-error")).getText())
                .isEqualTo("The setting 'EHR URL' must be an absolute http(s) URL, e.g. https://ehr.example.org/fhir.");
        assertThat(exporters.all()).extracting(ConfiguredExporter::id).doesNotContain("bad-url");
    }

    @Test
    void testConnectionAsksTheEhrWithTheSavedSettings() {
        ChartExportersView view = openAsAdmin();
        _selectRow(view.grid, rowOf(view, "ehr"));

        _click(_get(Button.class, spec -> spec.withId("test-exporter-connection")));

        assertThat(_get(Span.class, spec -> spec.withId("exporter-connection-result")).getText())
                .isEqualTo("Connected: The test EHR accepted the token.");
    }

    @Test
    @SuppressWarnings("unchecked")
    void thePluginsPageListsTheExporterPlugin() {
        loginAs("admin", "ADMIN");
        UI.getCurrent().navigate("admin/plugins");

        Grid<Object> plugins = _get(Grid.class, spec -> spec.withId("plugins"));
        List<List<String>> rows = IntStream.range(0, _size(plugins)).mapToObj(i -> _getFormattedRow(plugins, i))
                .toList();
        assertThat(rows).anySatisfy(row -> assertThat(row.subList(0, 5))
                .containsExactly(FakeEhrExporter.ID, "1.0.0", "Parley tests", "STARTED", "ChartExporter: test-ehr"));
    }

    @Test
    void staffAreRefusedThePageAndTheServerRefusesThemTheChanges() {
        loginAs("nina", "STAFF");

        assertThatThrownBy(() -> UI.getCurrent().navigate("admin/exporters"))
                .isInstanceOf(MockAccessDeniedException.class);
        _assertNone(ChartExportersView.class);
        assertThatThrownBy(() -> exporters.save(TestStaff.named("nina"), new ConfiguredExporter("staff-ehr", FakeEhrExporter.ID,
                "Mine", Map.of("ehrUrl", ehr.url(), "token", "x"), false, true)))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> exporters.all()).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> exporters.testConnection("ehr")).isInstanceOf(AccessDeniedException.class);
        loginAs("admin", "ADMIN");
        assertThat(exporters.all()).extracting(ConfiguredExporter::id).doesNotContain("staff-ehr");
    }

    @Test
    void theMenuOffersAdminsChartExportersNextToLines() {
        withTheMainLayout();
        loginAs("admin", "ADMIN");

        UI.getCurrent().navigate("");

        assertThat(_find(SideNavItem.class)).extracting(SideNavItem::getLabel)
                .containsSubsequence("Lines", "Chart exporters", "Plugins");
    }

    @Test
    void theMenuOffersStaffNoChartExporters() {
        withTheMainLayout();
        loginAs("nina", "STAFF");

        UI.getCurrent().navigate("");

        assertThat(_find(SideNavItem.class)).extracting(SideNavItem::getLabel).contains("Inbox")
                .doesNotContain("Chart exporters");
    }

    /** Karibu registers routes, not {@code @Layout}s; Vaadin's Spring integration registers MainLayout at start. */
    @SuppressWarnings("unchecked")
    private static void withTheMainLayout() {
        try {
            ApplicationRouteRegistry.getInstance(VaadinService.getCurrent().getContext()).setLayout(
                    (Class<? extends RouterLayout>) Class.forName("org.parley.base.ui.MainLayout"));
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }
}
