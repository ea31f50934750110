package org.parley.simulator.ui;

import com.vaadin.flow.router.RouteConfiguration;
import com.vaadin.flow.server.ServiceInitEvent;
import com.vaadin.flow.server.VaadinServiceInitListener;
import org.parley.simulator.SimulatorSettings;
import org.springframework.stereotype.Component;

/** With {@code parley.simulator.enabled=false} (production) the simulator page does not exist. */
@Component
class SimulatorRoutes implements VaadinServiceInitListener {

    private final boolean enabled;

    SimulatorRoutes(SimulatorSettings settings) {
        this.enabled = settings.enabled();
    }

    @Override
    public void serviceInit(ServiceInitEvent event) {
        if (!enabled) {
            RouteConfiguration.forApplicationScope().removeRoute(PatientPhoneView.class);
        }
    }
}
