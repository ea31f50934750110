package org.parley.twilio;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.parley.plugin.Capability;
import org.parley.plugin.ConfigProperty;
import org.parley.plugin.ConfigProperty.Type;
import org.parley.plugin.ProviderDescriptor;

/** What the admin sees of the Twilio provider before setting a line up. */
class TwilioDescriptorTest {

    private final ProviderDescriptor descriptor = new TwilioProvider().descriptor();

    @Test
    void itIsTwilioWithTextsPicturesVoicemailAndLookupsUpTo1600Characters() {
        assertThat(descriptor.id()).isEqualTo("twilio");
        assertThat(descriptor.name()).isEqualTo("Twilio");
        assertThat(descriptor.capabilities()).containsExactlyInAnyOrder(Capability.SMS, Capability.MMS,
                Capability.VOICE, Capability.LINE_TYPE_LOOKUP);
        assertThat(descriptor.webhookEvents()).containsExactly("sms", "status", "voice", "recording", "transcription");
        assertThat(descriptor.maxTextLength()).isEqualTo(1600);
    }

    @Test
    void aLineNeedsTheAccountSidAndASecretAuthTokenAndMayChangeTheGreeting() {
        assertThat(descriptor.properties()).extracting(ConfigProperty::name)
                .containsExactly("accountSid", "authToken", "greeting");
        assertThat(descriptor.properties().get(0)).satisfies(sid -> {
            assertThat(sid.type()).isEqualTo(Type.TEXT);
            assertThat(sid.required()).isTrue();
        });
        assertThat(descriptor.properties().get(1)).satisfies(token -> {
            assertThat(token.type()).isEqualTo(Type.SECRET);
            assertThat(token.required()).isTrue();
            assertThat(token.generatedIfBlank()).isFalse();
        });
        assertThat(descriptor.properties().get(2)).satisfies(greeting -> {
            assertThat(greeting.type()).isEqualTo(Type.TEXT);
            assertThat(greeting.defaultValue()).isEqualTo("You have reached the practice. Please leave a message "
                    + "after the tone. We answer voicemails by text.");
        });
    }

    @Test
    void theHelpTextSaysWhereTheCredentialsAreAndWhichUrlsToPasteWhere() {
        assertThat(descriptor.helpText()).contains("Account SID", "Auth Token", "Account Info",
                "'sms'", "A message comes in", "'voice'", "A call comes in", "'status'");
    }
}
