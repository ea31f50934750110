package org.parley.twilio;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.parley.plugin.Settings;

/**
 * A line's Twilio account and auth token. Lines of the same account share one REST client, keyed by this.
 * {@link #toString()} never shows the token.
 */
record Credentials(String accountSid, String authToken) {

    static final String ACCOUNT_SID = "accountSid";
    static final String AUTH_TOKEN = "authToken";

    /**
     * The credentials a line's settings hold.
     *
     * @throws IllegalStateException naming the missing setting, never a value
     */
    static Credentials of(Settings settings) {
        return new Credentials(settings.require(ACCOUNT_SID).trim(), settings.require(AUTH_TOKEN).trim());
    }

    /** The {@code Authorization} header Twilio wants on its media and recording URLs. */
    String basicAuthorization() {
        String pair = accountSid + ":" + authToken;
        return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "Credentials[accountSid=" + accountSid + "]";
    }
}
