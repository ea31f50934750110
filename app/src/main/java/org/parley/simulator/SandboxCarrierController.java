package org.parley.simulator;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.parley.attachment.ReplyAttachments;
import org.parley.base.FormFields;
import org.parley.base.PublicBaseUrl;
import org.parley.base.RequestBodies;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.unit.DataSize;
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

    /**
     * The largest post the carrier reads: the attachments a reply may carry, base64 in the form (4 bytes for 3), and
     * 64 KB for the rest of the form. Larger posts are answered 413 unread.
     */
    private final DataSize maxBody;

    SandboxCarrierController(SandboxCarrier carrier, PublicBaseUrl baseUrl,
                             ReplyAttachments attachments) {
        this.carrier = carrier;
        this.baseUrl = baseUrl;
        this.maxBody = DataSize.ofBytes(
                attachments.maxBytes() * Math.max(1, attachments.maxFiles()) / 3 * 4 + 64 * 1024);
    }

    private ResponseEntity<String> tooLarge(RequestBodies.TooLarge tooLarge) {
        return ResponseEntity.status(413).contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body(FormFields.encode(Map.of("ErrorCode", "too-large", "ErrorMessage", tooLarge.getMessage())));
    }

    @PostMapping("/sandbox-carrier/messages")
    ResponseEntity<String> send(HttpServletRequest request) throws IOException {
        byte[] body;
        try {
            body = RequestBodies.read(request, maxBody);
        } catch (RequestBodies.TooLarge tooLarge) {
            return tooLarge(tooLarge);
        }
        Map<String, List<String>> repeated;
        try {
            repeated = FormFields.parse(new String(body, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException badEncoding) {
            return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_FORM_URLENCODED)
                    .body(FormFields.encode(Map.of("ErrorCode", "bad-request", "ErrorMessage", "broken form encoding")));
        }
        Map<String, String> form = new LinkedHashMap<>();
        repeated.forEach((name, values) -> form.put(name, values.get(0)));
        URI url = baseUrl.resolve(request.getRequestURI());
        SandboxCarrier.Answer answer = carrier.accept(url, body, form, repeated.getOrDefault("MediaUrl", List.of()),
                repeated.getOrDefault("MediaContentType", List.of()), repeated.getOrDefault("MediaFileName", List.of()),
                repeated.getOrDefault("MediaData", List.of()), request.getHeader(CarrierSignature.HEADER));
        return ResponseEntity.status(answer.status()).contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body(FormFields.encode(answer.fields()));
    }

    @PostMapping("/sandbox-carrier/lookup")
    ResponseEntity<String> lookup(HttpServletRequest request) throws IOException {
        // a lookup is two short fields: more than 64 KB is not one, and is not read further
        byte[] body;
        try {
            body = RequestBodies.read(request, DataSize.ofKilobytes(64));
        } catch (RequestBodies.TooLarge tooLarge) {
            return tooLarge(tooLarge);
        }
        Map<String, String> form = new LinkedHashMap<>();
        try {
            FormFields.parse(new String(body, StandardCharsets.UTF_8)).forEach((name, values) -> form.put(name,
                    values.get(0)));
        } catch (IllegalArgumentException badEncoding) {
            return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_FORM_URLENCODED)
                    .body(FormFields.encode(Map.of("ErrorCode", "bad-request", "ErrorMessage", "broken form encoding")));
        }
        SandboxCarrier.Answer answer = carrier.lookup(baseUrl.resolve(request.getRequestURI()), body, form,
                request.getHeader(CarrierSignature.HEADER));
        return ResponseEntity.status(answer.status()).contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body(FormFields.encode(answer.fields()));
    }

    @PostMapping("/sandbox-carrier/ping")
    ResponseEntity<String> ping(HttpServletRequest request) throws IOException {
        byte[] body;
        try {
            body = RequestBodies.read(request, DataSize.ofKilobytes(64));
        } catch (RequestBodies.TooLarge tooLarge) {
            return tooLarge(tooLarge);
        }
        String from;
        try {
            from = FormFields.parse(new String(body, StandardCharsets.UTF_8)).getOrDefault("From", List.of("")).get(0);
        } catch (IllegalArgumentException badEncoding) {
            return ResponseEntity.badRequest().build();
        }
        boolean known = carrier.ping(baseUrl.resolve(request.getRequestURI()), body, from,
                request.getHeader(CarrierSignature.HEADER));
        return ResponseEntity.status(known ? 200 : 403).build();
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
