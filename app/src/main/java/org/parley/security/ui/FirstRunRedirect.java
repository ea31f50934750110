package org.parley.security.ui;

import com.vaadin.flow.server.ServiceInitEvent;
import com.vaadin.flow.server.VaadinServiceInitListener;
import org.parley.security.StaffDirectory;
import org.springframework.stereotype.Component;

/** Until the first admin exists, every page leads to the first-run page. */
@Component
class FirstRunRedirect implements VaadinServiceInitListener {

    private final StaffDirectory directory;

    FirstRunRedirect(StaffDirectory directory) {
        this.directory = directory;
    }

    @Override
    public void serviceInit(ServiceInitEvent event) {
        event.getSource().addUIInitListener(ui -> ui.getUI().addBeforeEnterListener(enter -> {
            if (enter.getNavigationTarget() != FirstRunView.class && !directory.hasAnyUser()) {
                enter.forwardTo(FirstRunView.class);
            }
        }));
    }
}
