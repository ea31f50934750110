package org.parley.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Plays a browser over real HTTP: keeps its cookies, follows no redirects, so the test sees where it is sent; logs in
 * as the login form does and opens Vaadin views as the router does.
 */
public final class HttpBrowser implements AutoCloseable {

    private final URI base;
    private final CookieManager cookies = new CookieManager();
    private final HttpClient http;

    public HttpBrowser(URI base) {
        this.base = base;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).cookieHandler(cookies)
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10)).build();
    }

    public HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(base.resolve(path)).GET());
    }

    /**
     * Opens the login page (which starts the session), then posts the form as Vaadin's login form does:
     * {@code username} and {@code password} to {@code /login}. Vaadin's security configurer exempts its
     * login page from CSRF protection, so the form carries no token.
     */
    public HttpResponse<String> logIn(String username, String password) {
        assertThat(get("/login").statusCode()).isEqualTo(200);
        String form = "username=" + URLEncoder.encode(username, StandardCharsets.UTF_8)
                + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8);
        return send(HttpRequest.newBuilder(base.resolve("/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
    }

    /**
     * Opens a Vaadin tab and navigates it to {@code route} as the browser's router does (the bootstrap, then a
     * {@code ui-navigate} event); answers what the server sent back, the elements of the view it drew.
     */
    public String navigate(String route) {
        String bootstrap = get("/?v-r=init&location=&query=").body();
        Matcher key = Pattern.compile("\"Vaadin-Security-Key\":\"([^\"]+)\"")
                .matcher(bootstrap);
        Matcher ui = Pattern.compile("\"v-uiId\":(\\d+)").matcher(bootstrap);
        assertThat(key.find() && ui.find()).as("a Vaadin bootstrap: %s", bootstrap).isTrue();
        String message = "{\"csrfToken\":\"" + key.group(1) + "\",\"rpc\":[{\"type\":\"event\",\"node\":1,"
                + "\"event\":\"ui-navigate\",\"data\":{\"route\":\"" + route + "\",\"query\":\"\","
                + "\"appShellTitle\":\"\",\"historyState\":{\"idx\":0},\"trigger\":\"\"}}],\"syncId\":0,"
                + "\"clientId\":0}";
        return send(HttpRequest.newBuilder(base.resolve("/?v-r=uidl&v-uiId=" + ui.group(1)))
                .header("Content-Type", "application/json; charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofString(message))).body();
    }

    /** The heartbeat an open Vaadin tab sends every few minutes; returns its HTTP status. */
    public int heartbeat() {
        return send(HttpRequest.newBuilder(base.resolve("/?v-r=heartbeat&v-uiId=0"))
                .POST(HttpRequest.BodyPublishers.noBody())).statusCode();
    }

    public String sessionId() {
        return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("JSESSIONID"))
                .map(HttpCookie::getValue).findFirst()
                .orElseThrow(() -> new AssertionError("the browser has no session cookie"));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        http.close();
    }
}
