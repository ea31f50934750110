package org.parley.twilio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.parley.twilio.TwilioWebhookTest.fields;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.parley.plugin.MessagingProvider;
import org.parley.plugin.WebhookOutcome;
import org.parley.plugin.WebhookRequest;
import org.parley.plugin.testkit.FakeLine;
import org.parley.plugin.testkit.PluginArchive;

/** The plugin zip as the build packaged it: what it ships, and that PF4J starts it and its libraries work. */
class TwilioArchiveIT {

    @RegisterExtension
    final PluginArchive archive = PluginArchive.built();

    @Test
    void theArchiveShipsTheSdkButNoneOfTheLibrariesTheAppProvides() {
        archive.assertShipsNothingTheAppProvides();

        assertThat(archive.entries()).contains("classes/org/parley/twilio/TwilioProvider.class",
                "lib/twilio-13.0.1.jar");
    }

    @Test
    void pf4jStartsThePluginAndItsProviderAnswersACallWithTheBundledLibraries() throws Exception {
        MessagingProvider provider = archive.startExtension(MessagingProvider.class);

        assertThat(archive.plugin().getPluginId()).isEqualTo("twilio");
        assertThat(provider.descriptor().id()).isEqualTo("twilio");
        FakeLine line = TwilioLine.configured();
        WebhookRequest call = TwilioSignatures.signedPost(line.webhookUrl("voice"),
                fields("CallSid", "CA1", "From", "+15557654321", "To", TwilioLine.NUMBER));

        assertThat(provider.isAuthentic(line, call)).isTrue();
        WebhookOutcome outcome = provider.handleWebhook(line, "voice", call);
        assertThat(outcome.response().body()).contains("<Say>", "<Record ");
    }
}
