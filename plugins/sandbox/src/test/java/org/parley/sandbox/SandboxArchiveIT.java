package org.parley.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.parley.plugin.MessagingProvider;
import org.parley.plugin.ProviderEvent.InboundMessage;
import org.parley.plugin.WebhookRequest;
import org.parley.plugin.testkit.FakeLine;
import org.parley.plugin.testkit.PluginArchive;

/** The plugin zip as the build packaged it: it ships none of the app's libraries, and PF4J starts it like the app. */
class SandboxArchiveIT {

    private static final String SECRET = "sandbox-line-secret";

    @RegisterExtension
    final PluginArchive archive = PluginArchive.built();

    @Test
    void theArchiveShipsOnlyThePluginsOwnClasses() {
        archive.assertShipsNothingTheAppProvides();

        assertThat(archive.entries()).contains("classes/org/parley/sandbox/SandboxProvider.class");
        assertThat(archive.manifest().getMainAttributes().getValue("Plugin-Id")).isEqualTo("sandbox");
    }

    @Test
    void pf4jStartsThePluginAndItsProviderTakesASignedTextFromTheSimulator() throws Exception {
        MessagingProvider provider = archive.startExtension(MessagingProvider.class);
        FakeLine line = FakeLine.of("sandbox", "+15555550100").with("signingSecret", SECRET);
        URI url = line.webhookUrl("sms");
        byte[] body = "MessageId=SM9&From=%2B15555550123&To=%2B15555550100&Body=Running+late"
                .getBytes(StandardCharsets.UTF_8);
        WebhookRequest text = new WebhookRequest("POST", url,
                Map.of("X-Sandbox-Signature", List.of(SandboxSignatures.sign(SECRET, url, body))),
                Map.of("MessageId", List.of("SM9"), "From", List.of("+15555550123"), "To", List.of("+15555550100"),
                        "Body", List.of("Running late")), body);

        assertThat(provider.descriptor().id()).isEqualTo("sandbox");
        assertThat(provider.isAuthentic(line, text)).isTrue();
        assertThat(provider.isAuthentic(line.with("signingSecret", "another-secret"), text)).isFalse();
        assertThat(provider.handleWebhook(line, "sms", text).events()).containsExactly(
                new InboundMessage("SM9", "+15555550123", "+15555550100", "Running late", List.of()));
    }
}
