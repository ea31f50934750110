package org.parley.intake;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.parley.base.FormFields;
import org.parley.base.PublicBaseUrl;
import org.parley.base.RequestBodies;
import org.parley.line.LineGateway.WebhookReading;
import org.parley.line.LineGateway;
import org.parley.line.LineSnapshot;
import org.parley.plugin.WebhookRequest;
import org.parley.plugin.WebhookResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;

/**
 * Providers call {@code /webhooks/{line}/{event}}. The raw request goes to the line's plugin, which checks
 * its signature against the public URL and reads it; the events are recorded in one transaction, and that is all
 * the request does: whatever serves staff (live updates, notifications) happens after, off this thread. Errors say
 * what is wrong with the call, never what it contained; a webhook Parley could not store is answered 5xx (503 when
 * busy), which providers retry.
 */
@RestController
class WebhookController {

    private static final Logger log = LoggerFactory.getLogger(WebhookController.class);

    private final LineGateway gateway;
    private final InboundIntake intake;
    private final PublicBaseUrl baseUrl;
    private final IntakeGate gate;
    private final IntakeSettings settings;

    WebhookController(LineGateway gateway, InboundIntake intake, PublicBaseUrl baseUrl, IntakeGate gate,
                      IntakeSettings settings) {
        this.gateway = gateway;
        this.intake = intake;
        this.baseUrl = baseUrl;
        this.gate = gate;
        this.settings = settings;
    }

    @RequestMapping(path = "/webhooks/{lineId}/{event}", method = {RequestMethod.GET, RequestMethod.POST})
    ResponseEntity<String> receive(@PathVariable String lineId, @PathVariable String event,
                                   HttpServletRequest servletRequest) throws IOException {
        // The line first: a post to no line is not read at all.
        Optional<LineSnapshot> line = gateway.line(lineId);
        if (line.isEmpty()) {
            return plain(404, "unknown line");
        }
        // Read the body before anything asks for parameters, so it reaches the plugin byte for byte; never more than
        // parley.intake.max-body, so a few large posts cannot fill the heap.
        byte[] body;
        try {
            body = RequestBodies.read(servletRequest, settings.maxBody());
        } catch (RequestBodies.TooLarge tooLarge) {
            log.info("Refused a '{}' webhook on line '{}': HTTP 413 (body over {} bytes)", event, lineId,
                    tooLarge.limit().toBytes());
            return plain(413, tooLarge.getMessage());
        }
        WebhookRequest request;
        try {
            request = new WebhookRequest(servletRequest.getMethod(), publicUrl(servletRequest),
                    headers(servletRequest), parameters(servletRequest, body), body);
        } catch (IllegalArgumentException badEncoding) {
            return plain(400, "the parameters are not valid URL encoding");
        }
        WebhookReading reading = gateway.readWebhook(line.get(), event, request);
        if (reading instanceof WebhookReading.Refused refused) {
            log.info("Refused a '{}' webhook on line '{}': HTTP {} ({})", event, lineId, refused.status(),
                    refused.reason());
            return plain(refused.status(), refused.reason());
        }
        WebhookReading.Read read = (WebhookReading.Read) reading;
        Optional<String> unstorable = WebhookFields.problem(read.outcome().events());
        if (unstorable.isPresent()) {
            log.info("Refused a '{}' webhook on line '{}': HTTP 400 ({})", event, lineId, unstorable.get());
            return plain(400, unstorable.get());
        }
        if (!gate.enter()) {
            log.info("Turned away a '{}' webhook on line '{}': intake is at its limit", event, lineId);
            return busy("Parley is busy; try again shortly");
        }
        try {
            if (store(read, event, lineId) == InboundIntake.Result.UNKNOWN_MESSAGE) {
                return plain(409, "no message with this id on this line (yet)");
            }
        } catch (TransientDataAccessException | CannotCreateTransactionException busy) {
            // No connection in time, a lock wait timed out, or races lost on every attempt: nothing was stored.
            log.warn("A '{}' webhook on line '{}' was not stored, answered 503: {}", event, lineId,
                    busy.getClass().getSimpleName());
            return busy("Parley could not store this webhook now; try again");
        } catch (RuntimeException failed) {
            // Never a redirect or an error page: a provider retries a 5xx. The exception's message may quote the
            // message's data, so only its type is logged.
            log.error("A '{}' webhook on line '{}' failed: {}", event, lineId, failed.getClass().getName());
            return plain(500, "Parley could not store this webhook");
        } finally {
            gate.leave();
        }
        WebhookResponse response = read.outcome().response();
        return ResponseEntity.status(response.status()).contentType(MediaType.parseMediaType(response.contentType()))
                .body(response.body());
    }

    /**
     * Stores the webhook's events in one transaction, tried again when it loses a race with another webhook (two
     * deliveries of the same provider message, a deadlock): the next attempt finds what the other stored.
     */
    private InboundIntake.Result store(WebhookReading.Read read, String event, String lineId) {
        for (int attempt = 1; ; attempt++) {
            try {
                return intake.record(read.line(), read.outcome().events(), read.unfetched());
            } catch (ConcurrencyFailureException | DataIntegrityViolationException raced) {
                if (attempt >= settings.attempts()) {
                    throw raced instanceof ConcurrencyFailureException concurrency ? concurrency
                            : new ConcurrencyFailureException("lost a race on every attempt");
                }
                log.debug("A '{}' webhook on line '{}' lost a race ({}), attempt {}", event, lineId,
                        raced.getClass().getSimpleName(), attempt);
                pause(attempt);
            }
        }
    }

    private static void pause(int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(1, 10L * attempt));
        } catch (InterruptedException stopping) {
            Thread.currentThread().interrupt();
            throw new CannotCreateTransactionException("interrupted while waiting to try again");
        }
    }

    private URI publicUrl(HttpServletRequest request) {
        String query = request.getQueryString();
        return baseUrl.resolve(request.getRequestURI() + (query == null ? "" : "?" + query));
    }

    private static Map<String, List<String>> headers(HttpServletRequest request) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (String name : Collections.list(request.getHeaderNames())) {
            headers.put(name, Collections.list(request.getHeaders(name)));
        }
        return headers;
    }

    private static Map<String, List<String>> parameters(HttpServletRequest request, byte[] body) {
        Map<String, List<String>> parameters = FormFields.parse(request.getQueryString());
        String type = request.getContentType();
        if (type != null && type.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
            FormFields.parse(new String(body, StandardCharsets.UTF_8))
                    .forEach((name, values) -> parameters.computeIfAbsent(name, k -> new ArrayList<>()).addAll(values));
        }
        return parameters;
    }

    private static ResponseEntity<String> busy(String text) {
        return ResponseEntity.status(503).header("Retry-After", "1").contentType(MediaType.TEXT_PLAIN).body(text);
    }

    private static ResponseEntity<String> plain(int status, String text) {
        return ResponseEntity.status(status).contentType(MediaType.TEXT_PLAIN).body(text);
    }
}
