package org.parley.twilio;

import org.parley.plugin.testkit.FakeLine;
import org.parley.plugin.testkit.HttpMedia;

/** A Twilio line as the app hands it to the plugin (the test kit's fake line with a Twilio account). */
final class TwilioLine {

    static final String ACCOUNT_SID = "AC00000000000000000000000000000001";
    static final String AUTH_TOKEN = "test-auth-token-1234";
    static final String NUMBER = "+15550001111";

    private TwilioLine() {
    }

    /** The line with its account and token, fetching media up to the app's default limit. */
    static FakeLine configured() {
        return configured(HttpMedia.DEFAULT_MAX_BYTES);
    }

    /** The line with its account and token, fetching media up to {@code maxMediaBytes}. */
    static FakeLine configured(long maxMediaBytes) {
        return FakeLine.of("front-desk", NUMBER).with(Credentials.ACCOUNT_SID, ACCOUNT_SID)
                .with(Credentials.AUTH_TOKEN, AUTH_TOKEN).withMedia(HttpMedia.fetcher(maxMediaBytes));
    }
}
