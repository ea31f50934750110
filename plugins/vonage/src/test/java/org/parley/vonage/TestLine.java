package org.parley.vonage;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.parley.plugin.LineContext;
import org.parley.plugin.Media;
import org.parley.plugin.MediaFetchException;
import org.parley.plugin.MediaFetcher;
import org.parley.plugin.Settings;

/** A line as the app would hand it over, with a media fetcher that really fetches (from the stand-in). */
final class TestLine implements LineContext {

    static final String NUMBER = "+14155550100";
    static final URI BASE = URI.create("https://parley.example");

    private final Map<String, String> settings;

    TestLine(Map<String, String> settings) {
        this.settings = new HashMap<>(settings);
    }

    TestLine with(String name, String value) {
        TestLine copy = new TestLine(settings);
        if (value == null) {
            copy.settings.remove(name);
        } else {
            copy.settings.put(name, value);
        }
        return copy;
    }

    @Override
    public String lineId() {
        return "front-desk";
    }

    @Override
    public String number() {
        return NUMBER;
    }

    @Override
    public Settings settings() {
        return new Settings() {
            @Override
            public Optional<String> get(String name) {
                return Optional.ofNullable(settings.get(name));
            }

            @Override
            public Set<String> names() {
                return settings.keySet();
            }
        };
    }

    @Override
    public URI webhookUrl(String event) {
        return BASE.resolve("/webhooks/" + lineId() + "/" + event);
    }

    @Override
    public URI publicBaseUrl() {
        return BASE;
    }

    @Override
    public MediaFetcher media() {
        return TestLine::fetch;
    }

    private static Media fetch(URI uri, Map<String, String> headers) throws MediaFetchException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET();
        headers.forEach(request::header);
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() / 100 != 2) {
                throw new MediaFetchException("the media host answered HTTP " + response.statusCode());
            }
            String type = response.headers().firstValue("Content-Type").orElse("application/octet-stream");
            return Media.of(type, null, response.body());
        } catch (IOException e) {
            throw new MediaFetchException("the media host cannot be reached", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MediaFetchException("interrupted", e);
        }
    }
}
