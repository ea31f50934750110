package org.parley.security.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.server.VaadinSession;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.logout.LogoutHandler;
import org.springframework.stereotype.Component;

/**
 * Logging out in one tab ends every tab of the session: the others are sent to the signed-out page at once
 * (pushed), instead of showing patients' data until someone clicks there.
 */
@Component
class SignOutEveryTab implements LogoutHandler {

    @Override
    public void logout(HttpServletRequest request, HttpServletResponse response, Authentication authentication) {
        VaadinSession session = VaadinSession.getCurrent();
        if (session != null && session.hasLock()) {
            leave(session, UI.getCurrent());
        }
    }

    /** Sends every tab of the session but {@code except} to the signed-out page, now (the session's lock held). */
    static void leave(VaadinSession session, UI except) {
        for (UI ui : session.getUIs()) {
            if (ui != except && !ui.isClosing()) {
                ui.accessSynchronously(() -> {
                    ui.getPage().setLocation(IdleSessions.SIGNED_OUT_PAGE);
                    // Pushed now: the session is about to end, and nothing would carry it afterwards.
                    ui.push();
                });
            }
        }
    }
}
