package org.parley.plugin;

import java.util.List;
import java.util.Objects;

/**
 * What a plugin made of a webhook: the events the app should record, and the answer to return.
 *
 * @param events   the events, in order; may be empty (e.g. a status the app need not know)
 * @param response the HTTP response for the provider
 */
public record WebhookOutcome(List<ProviderEvent> events, WebhookResponse response) {

    /** Copies the events. */
    public WebhookOutcome {
        events = List.copyOf(events);
        Objects.requireNonNull(response, "response");
    }

    /** The given events, answered with an empty {@code 200}. */
    public static WebhookOutcome of(ProviderEvent... events) {
        return new WebhookOutcome(List.of(events), WebhookResponse.ok());
    }
}
