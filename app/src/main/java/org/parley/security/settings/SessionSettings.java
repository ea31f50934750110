package org.parley.security.settings;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How staff sessions are kept ({@code parley.security.*}): the automatic logoff, the lockout after failed sign-ins, and
 * how often ended emergency grants are written to the audit log. Checked at start. (The practice's own security
 * choices, such as requiring a second factor, are {@link SecuritySettings}, kept in the database.)
 *
 * @param idleTimeout    automatic logoff after this much idle time
 * @param idleWarning    how long before the automatic logoff every open tab warns (at most the timeout)
 * @param lockout        failed sign-ins that lock an account, and for how long
 * @param emergencySweep how often, once in the cluster, emergency grants that ran out are ended in the audit log
 */
@ConfigurationProperties("parley.security")
public record SessionSettings(@DefaultValue("15m") Duration idleTimeout,
                              @DefaultValue("60s") Duration idleWarning,
                              @DefaultValue Lockout lockout,
                              @DefaultValue("1m") Duration emergencySweep) {

    /**
     * @param attempts failed sign-ins in a row (passwords and second-factor codes alike) that lock an account
     * @param duration how long it stays locked (admins can unlock)
     */
    public record Lockout(@DefaultValue("5") int attempts, @DefaultValue("15m") Duration duration) {

        public Lockout {
            if (attempts < 1) {
                throw new IllegalStateException("parley.security.lockout.attempts must be at least 1");
            }
            positive("parley.security.lockout.duration", duration);
        }
    }

    public SessionSettings {
        positive("parley.security.idle-timeout", idleTimeout);
        positive("parley.security.idle-warning", idleWarning);
        positive("parley.security.emergency-sweep", emergencySweep);
    }

    private static void positive(String name, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalStateException(name + " must be longer than zero, e.g. 15m");
        }
    }
}
