package org.parley.vonage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.parley.plugin.MessagingProvider;
import org.parley.plugin.ProviderEvent.InboundMessage;
import org.parley.plugin.WebhookOutcome;
import org.parley.plugin.testkit.FakeLine;
import org.parley.plugin.testkit.PluginArchive;

/**
 * The plugin zip as the build packaged it: what it ships, and that PF4J, set up as Parley's plugin host sets it up,
 * starts it and its provider checks a signed webhook with the JWT library and Jackson it brings.
 */
class VonageArchiveIT {

    @RegisterExtension
    final PluginArchive archive = PluginArchive.built();

    @Test
    void theArchiveShipsVonagesSdkAndTheJwtLibraryButNoneOfTheLibrariesTheAppProvides() {
        archive.assertShipsNothingTheAppProvides();

        assertThat(archive.entries()).contains("classes/org/parley/vonage/VonageProvider.class");
        assertThat(archive.entries()).anyMatch(name -> name.matches("lib/server-sdk-.*\\.jar"))
                .anyMatch(name -> name.matches("lib/java-jwt-.*\\.jar"));
        assertThat(archive.manifest().getMainAttributes().getValue("Plugin-Id")).isEqualTo("vonage");
    }

    @Test
    void pf4jStartsThePluginAndItsProviderTurnsASignedTextIntoAnInboundMessage() throws Exception {
        MessagingProvider provider = archive.startExtension(MessagingProvider.class);
        FakeLine line = VonageLine.with(Map.of(VonageProvider.APPLICATION_ID, SignedRequests.APPLICATION_ID,
                VonageProvider.SIGNATURE_SECRET, SignedRequests.SECRET));
        var text = SignedRequests.post("inbound", """
                {"channel": "sms", "message_uuid": "aaaaaaaa-0000-4000-8000-000000000009", "to": "14155550100",
                 "from": "14155550123", "text": "Is the clinic open on Saturday?", "message_type": "text"}""");

        assertThat(archive.plugin().getDescriptor().getRequires()).isEqualTo("1.3.0");
        assertThat(provider.descriptor().id()).isEqualTo("vonage");
        assertThat(provider.isAuthentic(line, text)).isTrue();
        assertThat(provider.isAuthentic(line.with(VonageProvider.SIGNATURE_SECRET, "another-secret-0123456789"),
                text)).isFalse();
        WebhookOutcome outcome = archive.onAnAppThread(() -> provider.handleWebhook(line, "inbound", text));
        assertThat(outcome.events()).containsExactly(new InboundMessage("aaaaaaaa-0000-4000-8000-000000000009",
                "+14155550123", "+14155550100", "Is the clinic open on Saturday?", List.of()));
    }
}
