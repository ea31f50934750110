package org.parley.vonage;

import java.util.Optional;
import org.parley.plugin.Settings;

/**
 * A line's Vonage credentials: the application (id and private key) the Messages and Voice APIs authenticate,
 * and the account's API key and secret that Number Insight and the balance need, when given.
 *
 * <p>Lines with the same credentials share one SDK client; {@link #toString()} never shows a secret.
 */
record Credentials(String applicationId, String privateKey, String apiKey, String apiSecret) {

    /**
     * The credentials a line's settings hold.
     *
     * @throws IllegalStateException naming the missing setting
     */
    static Credentials of(Settings settings) {
        return new Credentials(settings.require(VonageProvider.APPLICATION_ID).strip(),
                settings.require(VonageProvider.PRIVATE_KEY),
                optional(settings, VonageProvider.API_KEY),
                optional(settings, VonageProvider.API_SECRET));
    }

    /** Whether the account's API key and secret are both set. */
    boolean hasApiKey() {
        return apiKey != null && apiSecret != null;
    }

    @Override
    public String toString() {
        return "Credentials[applicationId=" + applicationId + ", apiKey=" + (apiKey == null ? "none" : "set") + "]";
    }

    private static String optional(Settings settings, String name) {
        Optional<String> value = settings.get(name).map(String::strip).filter(v -> !v.isEmpty());
        return value.orElse(null);
    }
}
