package org.parley.provider.ui;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import org.parley.provider.PluginInfo;
import org.parley.provider.ProviderRegistry;

/** Admins see every plugin found in the plugins folder: what it is, whether it runs, and why not. */
@Route("admin/plugins")
@PageTitle("Plugins | Parley")
@Menu(title = "Plugins", order = 91)
@RolesAllowed("ADMIN")
class PluginsView extends VerticalLayout {

    final Grid<PluginInfo> grid = new Grid<>();

    PluginsView(ProviderRegistry registry) {
        setSizeFull();
        grid.setId("plugins");
        grid.addColumn(PluginInfo::id).setHeader("Plugin").setAutoWidth(true);
        grid.addColumn(PluginInfo::version).setHeader("Version").setAutoWidth(true);
        grid.addColumn(PluginInfo::provider).setHeader("Made by").setAutoWidth(true);
        grid.addColumn(PluginInfo::state).setHeader("State").setAutoWidth(true);
        grid.addColumn(p -> String.join(", ", p.extensionPoints())).setHeader("Serves").setAutoWidth(true);
        grid.addColumn(p -> p.error() == null ? "" : p.error()).setHeader("Error").setFlexGrow(1);
        grid.setItems(registry.plugins());
        add(new H2("Plugins"),
                new Paragraph("Plugins are loaded from the plugins folder at start (parley.plugins.dir). "
                        + "A plugin that fails is listed here with its error; Parley keeps running."),
                grid);
    }
}
