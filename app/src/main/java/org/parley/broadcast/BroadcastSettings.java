package org.parley.broadcast;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * How broadcasts run ({@code parley.broadcast.*}). Checked at start.
 *
 * @param pollInterval how often each node's feeder looks for recipients to hand to the outbound queue
 * @param window       at most this many of a broadcast's messages wait in the outbound queue at once: pause and cancel
 *                     take effect after at most these (cancel takes back those not yet started)
 * @param batch        recipients checked and stored per transaction while an audience is prepared
 * @param maxUpload    the largest CSV of MRNs or numbers taken
 */
@ConfigurationProperties("parley.broadcast")
public record BroadcastSettings(@DefaultValue("2s") Duration pollInterval,
                                @DefaultValue("20") int window,
                                @DefaultValue("250") int batch,
                                @DefaultValue("2MB") DataSize maxUpload) {

    public BroadcastSettings {
        if (pollInterval == null || pollInterval.isNegative() || pollInterval.isZero()) {
            throw new IllegalStateException("parley.broadcast.poll-interval must be longer than zero, e.g. 2s");
        }
        if (window < 1 || window > 1000) {
            throw new IllegalStateException("parley.broadcast.window must be between 1 and 1000, e.g. 20");
        }
        if (batch < 1 || batch > 1000) {
            throw new IllegalStateException("parley.broadcast.batch must be between 1 and 1000, e.g. 250");
        }
        if (maxUpload == null || maxUpload.toBytes() < 1) {
            throw new IllegalStateException("parley.broadcast.max-upload must be at least one byte, e.g. 2MB");
        }
    }
}
