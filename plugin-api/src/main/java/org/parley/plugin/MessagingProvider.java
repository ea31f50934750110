package org.parley.plugin;

import java.net.URI;
import java.time.Instant;
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
     * Finds out whether the provider already has a message whose earlier send attempt has an unknown outcome: the
     * app stopped while the provider was being called, or the call timed out ({@link SendResult.FailureKind#OUTCOME_UNKNOWN}).
     * The app calls this before it would send such a message again, because a blind resend may text a patient twice.
     *
     * <p>Answer {@link SentCheck.Found} only for the very message (matched by {@code messageKey} where the provider
     * keeps it, else by recipient, sender, time and text), {@link SentCheck.NotFound} only when the provider's records
     * are complete for the period, and {@link SentCheck.Unknown} otherwise: staff are then asked to check before
     * resending. Must not send anything. The default answers {@code Unknown}.
     *
     * @param message   the message as it would be sent again (same {@link OutboundMessage#messageKey()})
     * @param notBefore the earlier attempt began no earlier than this (already widened for clocks that disagree)
     * @since 1.3.0
     */
    default SentCheck findSent(LineContext line, OutboundMessage message, Instant notBefore) {
        return SentCheck.unknown("this provider cannot look up messages it was sent");
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

    /**
     * Fetches again a picture, file or recording that could not be fetched while its webhook was read (the media
     * host failed or was slow). The app then stored the message with a placeholder and retries in the background;
     * this adds the provider's credentials as the webhook's fetch did, through {@link LineContext#media()}.
     * The default cannot, and the placeholder stays.
     *
     * @param uri the URL the webhook announced
     * @throws MediaFetchException when it could not be fetched (again)
     * @since 1.4.0
     */
    default Media fetchMediaAgain(LineContext line, URI uri) throws MediaFetchException {
        throw new MediaFetchException("this provider cannot fetch media again");
    }
}
