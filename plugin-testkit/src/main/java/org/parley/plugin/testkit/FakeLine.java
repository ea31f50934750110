package org.parley.plugin.testkit;

import java.net.URI;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import org.parley.plugin.ConfigProperty;
import org.parley.plugin.LineContext;
import org.parley.plugin.MediaFetcher;
import org.parley.plugin.Settings;

/**
 * A line as the app hands it to a {@code MessagingProvider}: id, number, the admin's settings, webhook addresses
 * under a public base ({@code {base}/webhooks/{line}/{event}}, as the app builds them) and a media fetcher.
 * Immutable: each {@code with...} answers a changed copy.
 *
 * <pre>{@code
 * FakeLine line = FakeLine.of("front-desk", "+15550001111").with("authToken", "secret");
 * }</pre>
 */
public final class FakeLine implements LineContext {

    /** The public base address a fake line has unless told another. */
    public static final URI DEFAULT_BASE = URI.create("https://parley.example.org");

    private final String lineId;
    private final String number;
    private final URI base;
    private final FakeSettings settings;
    private final MediaFetcher media;

    private FakeLine(String lineId, String number, URI base, FakeSettings settings, MediaFetcher media) {
        this.lineId = Objects.requireNonNull(lineId, "lineId");
        this.number = Objects.requireNonNull(number, "number");
        this.base = Objects.requireNonNull(base, "base");
        this.settings = settings;
        this.media = Objects.requireNonNull(media, "media");
    }

    /** A line with no settings, the {@link #DEFAULT_BASE} and media fetched over HTTP ({@link HttpMedia#fetcher()}). */
    public static FakeLine of(String lineId, String number) {
        return new FakeLine(lineId, number, DEFAULT_BASE, FakeSettings.empty(), HttpMedia.fetcher());
    }

    /** A copy with {@code name} set to {@code value}; {@code null} removes the setting. */
    public FakeLine with(String name, String value) {
        return new FakeLine(lineId, number, base, settings.with(name, value), media);
    }

    /** A copy with these settings added (a {@code null} value removes one). */
    public FakeLine withAll(Map<String, String> values) {
        FakeLine line = this;
        for (Map.Entry<String, String> entry : values.entrySet()) {
            line = line.with(entry.getKey(), entry.getValue());
        }
        return line;
    }

    /** A copy whose unset settings answer the default of the descriptor's property of that name. */
    public FakeLine withDefaultsOf(Collection<ConfigProperty> properties) {
        return new FakeLine(lineId, number, base, settings.withDefaultsOf(properties), media);
    }

    /** A copy under another public base address. */
    public FakeLine withPublicBase(URI publicBase) {
        return new FakeLine(lineId, number, publicBase, settings, media);
    }

    /** A copy that fetches media with {@code fetcher}. */
    public FakeLine withMedia(MediaFetcher fetcher) {
        return new FakeLine(lineId, number, base, settings, fetcher);
    }

    @Override
    public String lineId() {
        return lineId;
    }

    @Override
    public String number() {
        return number;
    }

    @Override
    public Settings settings() {
        return settings;
    }

    @Override
    public URI webhookUrl(String event) {
        return base.resolve("/webhooks/" + lineId + "/" + event);
    }

    @Override
    public URI publicBaseUrl() {
        return base;
    }

    @Override
    public MediaFetcher media() {
        return media;
    }
}
