package org.parley.twilio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.parley.twilio.TwilioWebhookTest.fields;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.plugin.MessagingProvider;
import org.parley.plugin.WebhookOutcome;
import org.parley.plugin.WebhookRequest;
import org.parley.plugin.testkit.FakeLine;
import org.parley.plugin.testkit.PluginArchive;

/** The plugin zip as the build packaged it: what it ships, and that PF4J starts it and its libraries work. */
class TwilioArchiveIT {

    @TempDir
    Path pluginsDir;

    private final PluginArchive archive = PluginArchive.built();

    @AfterEach
    void unload() {
        archive.close();
    }

    @Test
    void theArchiveShipsTheSdkButNoneOfTheLibrariesTheAppProvides() {
        archive.assertShipsNothingTheAppProvides();

        assertThat(archive.entries()).contains("classes/org/parley/twilio/TwilioProvider.class",
                "lib/twilio-13.0.1.jar");
    }

    @Test
    void pf4jStartsThePluginAndItsProviderAnswersACallWithTheBundledLibraries() throws Exception {
        MessagingProvider provider = archive.startExtension(MessagingProvider.class, pluginsDir);

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
