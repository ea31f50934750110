package org.parley.base.ui;

import com.vaadin.flow.component.dependency.StyleSheet;
import com.vaadin.flow.component.page.AppShellConfigurator;
import com.vaadin.flow.component.page.Push;
import com.vaadin.flow.server.AppShellSettings;
import com.vaadin.flow.shared.communication.PushMode;
import com.vaadin.flow.shared.ui.Transport;
import com.vaadin.flow.theme.lumo.Lumo;

/**
 * Page-wide settings. Push carries new messages to every open browser; requests from the browser go over
 * XHR so that they, not the push channel, keep the HTTP session alive (idle logoff stays accurate). The Lumo
 * theme comes from the prebuilt bundle as a style sheet; Parley's own CSS is a static resource.
 */
@Push(value = PushMode.AUTOMATIC, transport = Transport.WEBSOCKET_XHR)
@StyleSheet(Lumo.STYLESHEET)
@StyleSheet(Lumo.UTILITY_STYLESHEET)
@StyleSheet("parley/parley.css")
class AppShell implements AppShellConfigurator {

    @Override
    public void configurePage(AppShellSettings settings) {
        // A static resource beside parley.css (permitted without login, as the login page shows it too).
        settings.addFavIcon("icon", "parley/favicon.svg", "any");
    }
}
