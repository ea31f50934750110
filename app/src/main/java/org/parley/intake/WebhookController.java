package org.parley.intake;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.parley.base.FormFields;
import org.parley.base.PublicBaseUrl;
import org.parley.line.LineGateway.WebhookReading;
import org.parley.line.LineGateway;
import org.parley.plugin.WebhookRequest;
import org.parley.plugin.WebhookResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;

/**
 * Providers call {@code /webhooks/{line}/{event}}. The raw request goes to the line's plugin, which checks
 * its signature against the public URL and reads it; the events are recorded in one transaction. Errors
 * say what is wrong with the call, never what it contained.
 */
@RestController
class WebhookController {

    private static final Logger log = LoggerFactory.getLogger(WebhookController.class);

    private final LineGateway gateway;
    private final InboundIntake intake;
    private final PublicBaseUrl baseUrl;

    WebhookController(LineGateway gateway, InboundIntake intake, PublicBaseUrl baseUrl) {
        this.gateway = gateway;
        this.intake = intake;
        this.baseUrl = baseUrl;
    }

    @RequestMapping(path = "/webhooks/{lineId}/{event}", method = {RequestMethod.GET, RequestMethod.POST})
    ResponseEntity<String> receive(@PathVariable String lineId, @PathVariable String event,
                                   HttpServletRequest servletRequest) throws IOException {
        // Read the body before anything asks for parameters, so it reaches the plugin byte for byte.
        byte[] body = servletRequest.getInputStream().readAllBytes();
        WebhookRequest request;
        try {
            request = new WebhookRequest(servletRequest.getMethod(), publicUrl(servletRequest),
                    headers(servletRequest), parameters(servletRequest, body), body);
        } catch (IllegalArgumentException badEncoding) {
            return plain(400, "the parameters are not valid URL encoding");
        }
        WebhookReading reading = gateway.readWebhook(lineId, event, request);
        if (reading instanceof WebhookReading.Refused refused) {
            log.info("Refused a '{}' webhook on line '{}': HTTP {} ({})", event, lineId, refused.status(),
                    refused.reason());
            return plain(refused.status(), refused.reason());
        }
        WebhookReading.Read read = (WebhookReading.Read) reading;
        try {
            if (intake.record(read.line(), read.outcome().events()) == InboundIntake.Result.UNKNOWN_MESSAGE) {
                return plain(409, "no message with this id on this line (yet)");
            }
        } catch (DataIntegrityViolationException raced) {
            // The same provider message arrived twice at once and the other call stored it.
            log.info("A '{}' webhook on line '{}' was a concurrent duplicate", event, lineId);
        }
        WebhookResponse response = read.outcome().response();
        return ResponseEntity.status(response.status()).contentType(MediaType.parseMediaType(response.contentType()))
                .body(response.body());
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
        if (type != null && type.toLowerCase(java.util.Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
            FormFields.parse(new String(body, StandardCharsets.UTF_8))
                    .forEach((name, values) -> parameters.computeIfAbsent(name, k -> new ArrayList<>()).addAll(values));
        }
        return parameters;
    }

    private static ResponseEntity<String> plain(int status, String text) {
        return ResponseEntity.status(status).contentType(MediaType.TEXT_PLAIN).body(text);
    }
}
