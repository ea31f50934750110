package org.parley.chart;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the chart export queue runs ({@code parley.chart.*}). Checked at start.
 *
 * @param pollInterval  how often each node looks for due exports besides being woken after each commit: what a lost
 *                      wake-up, or an export of a node that died (after its lease), waits at most
 * @param firstRetry    the wait after an EHR's first retryable failure; doubles each time
 * @param maxRetryDelay the longest wait between tries (never given up)
 * @param lease         how long a node's claim on an export holds: longer than one exporter call can take (the
 *                      exporters' own time-outs are under a minute); an export of a node that died is sent again
 *                      after this long, with the same export id
 */
@ConfigurationProperties("parley.chart")
record ChartExportSettings(@DefaultValue("5s") Duration pollInterval,
                           @DefaultValue("30s") Duration firstRetry,
                           @DefaultValue("1h") Duration maxRetryDelay,
                           @DefaultValue("5m") Duration lease) {

    ChartExportSettings {
        positive("parley.chart.poll-interval", pollInterval);
        positive("parley.chart.first-retry", firstRetry);
        positive("parley.chart.lease", lease);
        if (maxRetryDelay.compareTo(firstRetry) < 0) {
            throw new IllegalStateException("parley.chart.max-retry-delay must not be shorter than first-retry");
        }
    }

    private static void positive(String name, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalStateException(name + " must be longer than zero, e.g. 30s");
        }
    }
}
