package org.parley.chart.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import java.util.List;
import org.parley.chart.ConfiguredExporter;
import org.parley.chart.ExporterService;
import org.parley.plugin.ConnectionCheck;
import org.parley.plugin.ExporterDescriptor;
import org.parley.security.web.CurrentStaff;

/**
 * Admins configure where "Copy to chart" sends: each exporter is a chart exporter plugin with the settings for one
 * EHR, drawn as a form from the plugin's descriptor (secrets masked, kept when left blank); one is the default.
 */
@Route("admin/exporters")
@PageTitle("Chart exporters | Parley")
@Menu(title = "Chart exporters", order = 90.5)
@RolesAllowed("ADMIN")
class ChartExportersView extends VerticalLayout {

    private final ExporterService exporters;
    private final CurrentStaff currentStaff;
    final Grid<ConfiguredExporter> grid = new Grid<>();
    final Div editor = new Div();
    ExporterForm form;

    ChartExportersView(ExporterService exporters, CurrentStaff currentStaff) {
        this.exporters = exporters;
        this.currentStaff = currentStaff;
        grid.setId("exporters");
        grid.addColumn(ConfiguredExporter::id).setHeader("Id").setAutoWidth(true);
        grid.addColumn(ConfiguredExporter::name).setHeader("Name").setAutoWidth(true);
        grid.addColumn(ConfiguredExporter::pluginId).setHeader("Plugin").setAutoWidth(true);
        grid.addColumn(e -> e.isDefault() ? "default" : "").setHeader("Default").setAutoWidth(true);
        grid.addColumn(e -> e.enabled() ? "enabled" : "disabled").setHeader("State").setAutoWidth(true);
        // A practice configures a handful; all() is not paged for the same reason as lines.
        grid.setAllRowsVisible(true);
        grid.asSingleSelect().addValueChangeListener(e -> {
            if (e.getValue() != null) {
                edit(e.getValue());
            }
        });
        Button add = new Button("Add exporter", e -> edit(null));
        add.setId("add-exporter");
        List<ExporterDescriptor> plugins = exporters.descriptors();
        Paragraph intro = new Paragraph("Copy to chart sends messages to an EHR through a chart exporter plugin. "
                + "Install the plugin under Plugins, then add an exporter here with its settings.");
        add(new H2("Chart exporters"), intro);
        if (plugins.isEmpty()) {
            Paragraph none = new Paragraph("No chart exporter plugin is loaded: staff can only use Copy for chart "
                    + "(the clipboard) until one is installed under Plugins.");
            none.setId("no-exporter-plugins");
            none.addClassName("parley-hint");
            add(none);
        }
        add(grid, add, editor);
        refresh();
    }

    private void refresh() {
        grid.setItems(exporters.all());
    }

    private void edit(ConfiguredExporter exporter) {
        editor.removeAll();
        form = new ExporterForm(exporter, exporters.descriptors());
        form.addSaveListener(e -> {
            try {
                ConfiguredExporter saved = exporters.save(currentStaff.get().username(), e.exporter());
                refresh();
                edit(saved);
            } catch (IllegalArgumentException ex) {
                form.showError(ex.getMessage());
            }
        });
        editor.add(form);
        if (exporter != null) {
            Span result = new Span();
            result.setId("exporter-connection-result");
            Button test = new Button("Test connection", e -> {
                ConnectionCheck check = exporters.testConnection(exporter.id());
                result.setText((check.ok() ? "Connected: " : "Failed: ") + check.message());
                result.getElement().getClassList().set("parley-error", !check.ok());
            });
            test.setId("test-exporter-connection");
            editor.add(new HorizontalLayout(test, result));
        }
    }
}
