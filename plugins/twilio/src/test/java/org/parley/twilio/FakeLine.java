package org.parley.twilio;

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

/** A Twilio line as the app hands it to the plugin, fetching media over plain HTTP like the app does. */
class FakeLine implements LineContext {

    static final String ACCOUNT_SID = "AC00000000000000000000000000000001";
    static final String AUTH_TOKEN = "test-auth-token-1234";
    static final String NUMBER = "+15550001111";
    static final URI BASE = URI.create("https://parley.example.org");

    private final Map<String, String> settings = new HashMap<>();
    private final long maxMediaBytes;

    FakeLine() {
        this(5 * 1024 * 1024);
    }

    FakeLine(long maxMediaBytes) {
        this.maxMediaBytes = maxMediaBytes;
        settings.put(Credentials.ACCOUNT_SID, ACCOUNT_SID);
        settings.put(Credentials.AUTH_TOKEN, AUTH_TOKEN);
    }

    FakeLine with(String name, String value) {
        if (value == null) {
            settings.remove(name);
        } else {
            settings.put(name, value);
        }
        return this;
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
                return Set.copyOf(settings.keySet());
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
        return this::fetch;
    }

    private Media fetch(URI uri, Map<String, String> headers) throws MediaFetchException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET();
        headers.forEach(request::header);
        HttpResponse<byte[]> response;
        try (HttpClient http = HttpClient.newHttpClient()) {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new MediaFetchException("media could not be downloaded", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MediaFetchException("interrupted", e);
        }
        if (response.statusCode() / 100 != 2) {
            throw new MediaFetchException("media download answered HTTP " + response.statusCode());
        }
        String type = response.headers().firstValue("Content-Type").orElse("application/octet-stream");
        String path = uri.getPath();
        String name = path.substring(path.lastIndexOf('/') + 1);
        byte[] data = response.body();
        return data.length > maxMediaBytes ? Media.tooLarge(type, name, data.length) : Media.of(type, name, data);
    }
}
