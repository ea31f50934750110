package org.parley.securemessage;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Secure messages ({@code parley.secure.*}). Checked at start.
 *
 * @param linkValidity         how long a secure link opens after it was sent
 * @param failedChecksToLock   wrong dates of birth that lock a link
 * @param lockFor              how long a locked link stays locked
 * @param rememberBrowserFor   how long a browser that passed the check is remembered (its cookie's age)
 * @param firstReminderAfter   when an unopened message is reminded by text the first time (after sending)
 * @param secondReminderAfter  when it is reminded the second and last time (after sending)
 * @param reminderCheck        how often the cluster looks for reminders that are due
 * @param rateWindow           the window the public pages' request limits count in
 * @param requestsPerLink      requests to one link's pages per window, whoever asks
 * @param requestsPerAddress   requests to any link's pages per window from one client address
 */
@ConfigurationProperties("parley.secure")
public record SecureMessageSettings(@DefaultValue("30d") Duration linkValidity,
                                    @DefaultValue("2") int failedChecksToLock,
                                    @DefaultValue("60m") Duration lockFor,
                                    @DefaultValue("30d") Duration rememberBrowserFor,
                                    @DefaultValue("1d") Duration firstReminderAfter,
                                    @DefaultValue("3d") Duration secondReminderAfter,
                                    @DefaultValue("5m") Duration reminderCheck,
                                    @DefaultValue("10m") Duration rateWindow,
                                    @DefaultValue("30") int requestsPerLink,
                                    @DefaultValue("120") int requestsPerAddress) {

    public SecureMessageSettings {
        positive("link-validity", linkValidity);
        positive("lock-for", lockFor);
        positive("remember-browser-for", rememberBrowserFor);
        positive("first-reminder-after", firstReminderAfter);
        positive("reminder-check", reminderCheck);
        positive("rate-window", rateWindow);
        if (secondReminderAfter == null || secondReminderAfter.compareTo(firstReminderAfter) <= 0) {
            throw new IllegalStateException("parley.secure.second-reminder-after must be later than "
                    + "first-reminder-after, e.g. 3d");
        }
        if (failedChecksToLock < 1) {
            throw new IllegalStateException("parley.secure.failed-checks-to-lock must be at least 1, e.g. 2");
        }
        if (requestsPerLink < 5 || requestsPerAddress < 5) {
            throw new IllegalStateException("parley.secure.requests-per-link and requests-per-address must be at "
                    + "least 5, e.g. 30 and 120");
        }
    }

    private static void positive(String name, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalStateException("parley.secure." + name + " must be longer than zero");
        }
    }
}
