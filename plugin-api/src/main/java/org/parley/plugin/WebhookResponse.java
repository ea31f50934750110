package org.parley.plugin;

/**
 * What the app answers a provider's webhook call with.
 *
 * @param status      the HTTP status
 * @param contentType the body's MIME type
 * @param body        the body (TwiML, NCCO JSON, or empty)
 */
public record WebhookResponse(int status, String contentType, String body) {

    /** {@code 200} with an empty body. */
    public static WebhookResponse ok() {
        return new WebhookResponse(200, "text/plain", "");
    }

    /** {@code 200} with an XML body, e.g. TwiML. */
    public static WebhookResponse xml(String body) {
        return new WebhookResponse(200, "application/xml", body);
    }

    /** {@code 200} with a JSON body, e.g. an NCCO. */
    public static WebhookResponse json(String body) {
        return new WebhookResponse(200, "application/json", body);
    }
}
