package org.parley.simulator;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.parley.base.PublicBaseUrl;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** The sandbox carrier's HTTP face, which the sandbox plugin calls like a provider's REST API. */
@RestController
@ConditionalOnProperty(name = "parley.simulator.enabled", havingValue = "true")
class SandboxCarrierController {

    private final SandboxCarrier carrier;
    private final PublicBaseUrl baseUrl;

    SandboxCarrierController(SandboxCarrier carrier, PublicBaseUrl baseUrl) {
        this.carrier = carrier;
        this.baseUrl = baseUrl;
    }

    @PostMapping("/sandbox-carrier/messages")
    ResponseEntity<String> send(HttpServletRequest request) throws IOException {
        byte[] body = request.getInputStream().readAllBytes();
        Map<String, String> form = new LinkedHashMap<>();
        Map<String, List<String>> repeated = new LinkedHashMap<>();
        for (String pair : new String(body, StandardCharsets.UTF_8).split("&")) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                continue;
            }
            String name = URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            form.putIfAbsent(name, value);
            repeated.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
        URI url = baseUrl.resolve(request.getRequestURI());
        SandboxCarrier.Answer answer = carrier.accept(url, body, form,
                repeated.getOrDefault("MediaContentType", List.of()), repeated.getOrDefault("MediaFileName", List.of()),
                repeated.getOrDefault("MediaData", List.of()), request.getHeader(CarrierSignature.HEADER));
        return ResponseEntity.status(answer.status()).contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body(SandboxCarrier.encode(answer.fields()));
    }

    @GetMapping("/sandbox-carrier/media/{carrierId}")
    ResponseEntity<byte[]> media(@PathVariable String carrierId, HttpServletRequest request) {
        URI url = baseUrl.resolve(request.getRequestURI());
        return carrier.media(url, carrierId, request.getHeader(CarrierSignature.HEADER))
                .map(m -> ResponseEntity.ok().contentType(MediaType.parseMediaType(m.getMediaContentType()))
                        .body(m.getMediaData()))
                .orElseGet(() -> ResponseEntity.status(404).build());
    }
}
