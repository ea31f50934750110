package org.parley.plugin;

import org.pf4j.ExtensionPoint;

/**
 * An SMS/voice provider (Twilio, Vonage, the sandbox...). One instance serves every line that names its
 * {@link ProviderDescriptor#id()}; each call gets the {@link LineContext} of the line concerned.
 *
 * <p>Implementations must be thread-safe and must not log message text or phone numbers.
 */
public interface MessagingProvider extends ExtensionPoint {

    /** What this provider is and which settings a line needs. */
    ProviderDescriptor descriptor();

    /**
     * Hands a message to the provider. Called again with the same {@link OutboundMessage#messageKey()} when an
     * earlier attempt failed temporarily or its result was lost; a provider that supports idempotency keys
     * should pass it on.
     *
     * @return the provider's message id, or a failure that says whether a retry can help
     */
    SendResult send(LineContext line, OutboundMessage message);

    /**
     * Whether a webhook call really comes from the provider, e.g. by checking its signature against the
     * line's secret. The app answers {@code 403} and stores nothing when this returns {@code false}.
     */
    boolean isAuthentic(LineContext line, WebhookRequest request);

    /**
     * Reads an authentic webhook call.
     *
     * @param event the last segment of the webhook URL: one of {@link ProviderDescriptor#webhookEvents()}
     * @throws MalformedWebhookException when the call lacks what the event needs; the app answers {@code 400}
     */
    WebhookOutcome handleWebhook(LineContext line, String event, WebhookRequest request)
            throws MalformedWebhookException;

    /**
     * Tells what kind of phone a number belongs to. Only called when the descriptor lists
     * {@link Capability#LINE_TYPE_LOOKUP}.
     */
    default LineType lookupLineType(LineContext line, String e164Number) {
        return LineType.UNKNOWN;
    }

    /**
     * Checks the line's settings against the provider, for the admin's "Test connection" button: e.g. fetches
     * the account with the configured credentials. Must not send a message or cost money.
     *
     * @since 1.1.0
     */
    default ConnectionCheck testConnection(LineContext line) {
        return ConnectionCheck.failed("This provider cannot test its connection.");
    }
}
