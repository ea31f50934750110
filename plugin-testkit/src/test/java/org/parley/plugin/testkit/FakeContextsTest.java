package org.parley.plugin.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.parley.plugin.ConfigProperty;

class FakeContextsTest {

    private static final List<ConfigProperty> DESCRIPTOR = List.of(
            ConfigProperty.text("greeting", "Greeting", "What callers hear").withDefault("Please leave a message"),
            ConfigProperty.secret("token", "Token", "The provider's token"));

    @Test
    void aLineAnswersItsSettingsThenTheDescriptorsDefaultsThenNothing() {
        FakeLine line = FakeLine.of("front-desk", "+15550001111").withDefaultsOf(DESCRIPTOR).with("token", "t-1");

        assertThat(line.settings().get("token")).contains("t-1");
        assertThat(line.settings().get("greeting")).contains("Please leave a message");
        assertThat(line.settings().get("unknown")).isEmpty();
        assertThat(line.settings().names()).containsExactly("token");
    }

    @Test
    void withAnswersAChangedCopyAndLeavesTheLineAsItWas() {
        FakeLine line = FakeLine.of("front-desk", "+15550001111").with("token", "t-1");

        FakeLine without = line.with("token", null);

        assertThat(without.settings().get("token")).isEmpty();
        assertThat(line.settings().get("token")).contains("t-1");
    }

    @Test
    void webhookAddressesAreBuiltLikeTheAppsUnderThePublicBase() {
        FakeLine line = FakeLine.of("front-desk", "+15550001111")
                .withPublicBase(URI.create("https://inbox.example.com"));

        assertThat(line.webhookUrl("sms")).isEqualTo(URI.create("https://inbox.example.com/webhooks/front-desk/sms"));
        assertThat(line.publicBaseUrl()).isEqualTo(URI.create("https://inbox.example.com"));
    }

    @Test
    void anExporterAnswersTheServersZoneUntilGivenThePractices() {
        FakeExporter exporter = FakeExporter.of("ehr", "Riverside Family Practice");

        assertThat(exporter.practiceTimeZone()).isEqualTo(ZoneId.systemDefault());
        assertThat(exporter.withPracticeTimeZone(ZoneId.of("America/Chicago")).practiceTimeZone())
                .isEqualTo(ZoneId.of("America/Chicago"));
        assertThat(exporter.with("host", "ehr.example.org").settings().require("host")).isEqualTo("ehr.example.org");
    }

    @Test
    void theClockMovesOnlyWhenTheTestMovesIt() {
        MutableClock clock = new MutableClock(Instant.parse("2026-03-14T09:00:00Z"));

        clock.advance(Duration.ofMinutes(5));

        assertThat(clock.instant()).isEqualTo(Instant.parse("2026-03-14T09:05:00Z"));
        assertThat(clock.withZone(ZoneId.of("Europe/Berlin")).instant()).isEqualTo(clock.instant());
        clock.set(Instant.parse("2027-01-01T00:00:00Z"));
        assertThat(clock.millis()).isEqualTo(Instant.parse("2027-01-01T00:00:00Z").toEpochMilli());
    }
}
