package org.parley.security;

import java.time.Duration;
import org.parley.base.RecurringJob;
import org.parley.security.settings.SessionSettings;
import org.springframework.stereotype.Component;

/** Audits the end of emergency grants that ran out, once per period in the whole cluster. */
@Component
class EmergencyAccessSweep implements RecurringJob {

    private final EmergencyAccess emergencyAccess;
    private final Duration period;

    EmergencyAccessSweep(EmergencyAccess emergencyAccess, SessionSettings settings) {
        this.emergencyAccess = emergencyAccess;
        this.period = settings.emergencySweep();
    }

    @Override
    public String name() {
        return "emergency-access-expiry";
    }

    @Override
    public Duration period() {
        return period;
    }

    @Override
    public void run() {
        emergencyAccess.recordExpiries();
    }
}
