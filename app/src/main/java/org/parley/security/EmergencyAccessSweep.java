package org.parley.security;

import java.time.Duration;
import org.parley.base.RecurringJob;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** Audits the end of emergency grants that ran out, once per period in the whole cluster. */
@Component
class EmergencyAccessSweep implements RecurringJob {

    private final EmergencyAccess emergencyAccess;
    private final Duration period;

    EmergencyAccessSweep(EmergencyAccess emergencyAccess,
                         @Value("${parley.security.emergency-sweep:1m}") Duration period) {
        if (period.isNegative() || period.isZero()) {
            throw new IllegalStateException("parley.security.emergency-sweep must be longer than zero, e.g. 1m");
        }
        this.emergencyAccess = emergencyAccess;
        this.period = period;
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
