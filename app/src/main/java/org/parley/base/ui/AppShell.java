package org.parley.base.ui;

import com.vaadin.flow.component.dependency.StyleSheet;
import com.vaadin.flow.component.page.AppShellConfigurator;
import com.vaadin.flow.component.page.Push;
import com.vaadin.flow.shared.communication.PushMode;
import com.vaadin.flow.shared.ui.Transport;

/**
 * Page-wide settings. Push carries new messages to every open browser; requests from the browser go over
 * XHR so that they, not the push channel, keep the HTTP session alive (idle logoff stays accurate).
 */
@Push(value = PushMode.AUTOMATIC, transport = Transport.WEBSOCKET_XHR)
@StyleSheet("parley/parley.css")
class AppShell implements AppShellConfigurator {
}
