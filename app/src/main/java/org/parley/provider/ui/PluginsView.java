package org.parley.provider.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.upload.Upload;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import org.parley.base.ui.BoundedUpload;
import org.parley.provider.PluginAdministration;
import org.parley.provider.PluginInfo;
import org.parley.provider.ProviderRegistry;
import org.parley.security.web.CurrentStaff;

/**
 * Admins see every plugin found in the plugins folder (what it is, whether it runs, and why not), install
 * a plugin archive, and enable or disable plugins.
 */
@Route("admin/plugins")
@PageTitle("Plugins | Parley")
@Menu(title = "Plugins", order = 91)
@RolesAllowed("ADMIN")
class PluginsView extends VerticalLayout {

    private final ProviderRegistry registry;
    private final PluginAdministration administration;
    private final CurrentStaff currentStaff;
    final Grid<PluginInfo> grid = new Grid<>();
    final Span result = new Span();
    /** Takes archives up to {@code parley.plugins.max-upload-bytes}, checked here on the server. */
    final BoundedUpload uploadHandler;

    PluginsView(ProviderRegistry registry, PluginAdministration administration, CurrentStaff currentStaff) {
        this.registry = registry;
        this.administration = administration;
        this.currentStaff = currentStaff;
        setSizeFull();
        grid.setId("plugins");
        grid.addColumn(PluginInfo::id).setHeader("Plugin").setAutoWidth(true);
        grid.addColumn(PluginInfo::version).setHeader("Version").setAutoWidth(true);
        grid.addColumn(PluginInfo::provider).setHeader("Made by").setAutoWidth(true);
        grid.addColumn(PluginInfo::state).setHeader("State").setAutoWidth(true);
        grid.addColumn(p -> String.join(", ", p.extensionPoints())).setHeader("Serves").setAutoWidth(true);
        grid.addColumn(p -> p.error() == null ? "" : p.error()).setHeader("Error").setFlexGrow(1);
        grid.addComponentColumn(this::toggle).setHeader("").setKey("toggle").setAutoWidth(true);
        result.setId("plugin-result");
        long max = administration.maxUploadBytes();
        uploadHandler = new BoundedUpload(max, "Not installed: the archive is larger than "
                + max / (1024 * 1024) + " MB.", (fileName, data) -> getUI().ifPresent(ui -> ui.access(() ->
                install(fileName, data))), refusal -> getUI().ifPresent(ui -> ui.access(() -> result.setText(refusal))));
        Upload upload = new Upload(uploadHandler);
        upload.setMaxFileSize((int) Math.min(Integer.MAX_VALUE, max));
        upload.setId("plugin-upload");
        upload.setAcceptedFileTypes(".zip", ".jar");
        upload.setMaxFiles(1);
        add(new H2("Plugins"),
                new Paragraph("Plugins are loaded from the plugins folder at start (parley.plugins.dir), or installed "
                        + "here. A plugin that fails is listed with its error; Parley keeps running."),
                grid, new H2("Install a plugin archive"), upload, result);
        refresh();
    }

    private Button toggle(PluginInfo plugin) {
        boolean running = "STARTED".equals(plugin.state());
        Button button = new Button(running ? "Disable" : "Enable", e -> {
            try {
                administration.setEnabled(currentStaff.get().username(), plugin.id(), !running);
                result.setText("Plugin '" + plugin.id() + "' " + (running ? "disabled." : "enabled."));
            } catch (IllegalArgumentException ex) {
                result.setText(ex.getMessage());
            }
            refresh();
        });
        button.addThemeVariants(ButtonVariant.TERTIARY);
        button.getElement().setAttribute("data-plugin", plugin.id());
        button.setVisible(!plugin.version().isEmpty());
        return button;
    }

    void install(String fileName, byte[] archive) {
        try {
            String id = administration.install(currentStaff.get().username(), fileName, archive);
            result.setText("Plugin '" + id + "' installed and started.");
        } catch (IllegalArgumentException e) {
            result.setText("Not installed: " + e.getMessage());
        }
        refresh();
    }

    private void refresh() {
        grid.setItems(registry.plugins());
    }
}
