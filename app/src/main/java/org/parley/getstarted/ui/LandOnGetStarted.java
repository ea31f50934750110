package org.parley.getstarted.ui;

import com.vaadin.flow.server.ServiceInitEvent;
import com.vaadin.flow.server.VaadinServiceInitListener;
import com.vaadin.flow.spring.security.AuthenticationContext;
import org.parley.getstarted.GetStarted;
import org.parley.getstarted.GetStartedSettings;
import org.springframework.stereotype.Component;

/**
 * An admin who opens Parley's start page (after signing in, or the address without a path) lands on Get started while
 * a step is not done and nobody dismissed it. Other pages open as asked: the checklist links to them.
 */
@Component
class LandOnGetStarted implements VaadinServiceInitListener {

    private final GetStarted getStarted;
    private final AuthenticationContext authentication;
    private final GetStartedSettings settings;

    LandOnGetStarted(GetStarted getStarted, AuthenticationContext authentication, GetStartedSettings settings) {
        this.getStarted = getStarted;
        this.authentication = authentication;
        this.settings = settings;
    }

    @Override
    public void serviceInit(ServiceInitEvent event) {
        event.getSource().addUIInitListener(ui -> ui.getUI().addBeforeEnterListener(enter -> {
            if (settings.landAdmins() && enter.getLocation().getPath().isEmpty() && authentication.isAuthenticated()
                    && authentication.hasRole("ADMIN") && getStarted.stillToDo()) {
                enter.forwardTo(GetStartedView.class);
            }
        }));
    }
}
