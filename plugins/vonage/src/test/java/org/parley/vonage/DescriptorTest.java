package org.parley.vonage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import org.junit.jupiter.api.Test;
import org.parley.plugin.Capability;
import org.parley.plugin.ConfigProperty;
import org.parley.plugin.ConfigProperty.Type;
import org.parley.plugin.ProviderDescriptor;

class DescriptorTest {

    private final ProviderDescriptor descriptor = new VonageProvider().descriptor();

    @Test
    void vonageIsOfferedUnderItsNameWithWhatItCanDo() {
        assertThat(descriptor.id()).isEqualTo("vonage");
        assertThat(descriptor.name()).isEqualTo("Vonage");
        assertThat(descriptor.capabilities()).containsExactlyInAnyOrder(
                Capability.SMS, Capability.MMS, Capability.VOICE, Capability.LINE_TYPE_LOOKUP);
        assertThat(descriptor.maxTextLength()).isEqualTo(1000);
    }

    @Test
    void theHelpTellsWhereEachUrlGoesInVonagesDashboard() {
        assertThat(descriptor.helpText()).contains("Inbound URL", "Status URL", "Answer URL", "Event URL",
                "Messages API", "signature secret");
        assertThat(descriptor.webhookEvents())
                .containsExactly("inbound", "status", "answer", "event", "recording", "transcription");
    }

    @Test
    void theApplicationItsKeyAndTheSignatureSecretAreRequiredAndTheSecretsAreMasked() {
        assertThat(property(VonageProvider.APPLICATION_ID)).satisfies(p -> {
            assertThat(p.required()).isTrue();
            assertThat(p.type()).isEqualTo(Type.TEXT);
        });
        assertThat(property(VonageProvider.PRIVATE_KEY)).satisfies(p -> {
            assertThat(p.required()).isTrue();
            assertThat(p.type()).isEqualTo(Type.SECRET);
            assertThat(p.helpText()).contains("BEGIN PRIVATE KEY");
        });
        assertThat(property(VonageProvider.SIGNATURE_SECRET)).satisfies(p -> {
            assertThat(p.required()).isTrue();
            assertThat(p.type()).isEqualTo(Type.SECRET);
            assertThat(p.generatedIfBlank()).isFalse();
        });
    }

    @Test
    void theApiKeyAndSecretAreOptionalAndTheGreetingHasADefault() {
        assertThat(property(VonageProvider.API_KEY).required()).isFalse();
        assertThat(property(VonageProvider.API_SECRET)).satisfies(p -> {
            assertThat(p.required()).isFalse();
            assertThat(p.type()).isEqualTo(Type.SECRET);
        });
        assertThat(property(VonageProvider.GREETING).defaultValue())
                .isEqualTo("You have reached the practice. Please leave a message after the tone. "
                        + "We answer voicemails by text.");
    }

    @Test
    void theProviderIsListedAsAPf4jExtension() throws IOException {
        StringBuilder indexes = new StringBuilder();
        // the main classes' index; the test classes have one of their own, empty
        for (URL index : Collections.list(getClass().getClassLoader().getResources("META-INF/extensions.idx"))) {
            try (InputStream in = index.openStream()) {
                indexes.append(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        assertThat(indexes.toString()).contains(VonageProvider.class.getName());
    }

    private ConfigProperty property(String name) {
        return descriptor.properties().stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow();
    }
}
