package org.parley.security.web;

import com.vaadin.flow.server.ServiceInitEvent;
import com.vaadin.flow.server.VaadinServiceInitListener;
import com.vaadin.flow.server.VaadinSession;
import com.vaadin.flow.server.WrappedSession;
import org.springframework.stereotype.Component;

/**
 * Ends the login when Vaadin ends the session of an idle browser.
 *
 * <p>An open tab sends heartbeats, and every heartbeat keeps the servlet container's session alive, so that
 * session never reaches its idle timeout while the tab stays open. Vaadin ({@code vaadin.closeIdleSessions})
 * instead closes its own session once only heartbeats have come for the idle timeout; but it leaves the HTTP
 * session, and the login stored in it, in place: a reload would bring the staff member back in without a
 * password, and no idle logoff would be audited. So when Vaadin's session ends, the HTTP session ends with it,
 * which logs out and (through {@code security.SecurityAudit}) records {@code LOGOFF_IDLE}.
 */
@Component
class IdleLogoff implements VaadinServiceInitListener {

    @Override
    public void serviceInit(ServiceInitEvent event) {
        event.getSource().addSessionDestroyListener(destroyed -> endLogin(destroyed.getSession()));
    }

    private static void endLogin(VaadinSession session) {
        WrappedSession http = session.getSession();
        if (http == null) {
            return;
        }
        try {
            http.invalidate();
        } catch (IllegalStateException alreadyEnded) {
            // The HTTP session ended first (timeout or logout), which is what ended Vaadin's session.
        }
    }
}
